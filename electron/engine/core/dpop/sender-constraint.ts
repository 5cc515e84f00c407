import type { RouteId } from '../../../../shared/routes/route-table';
import type { EngineContext } from '../context';
import { dpopError } from '../errors/oauth-error';
import { issuerUrl } from '../metadata/issuer-metadata';
import type { WalletExchange } from '../wallets/wallet-exchange';
import { DpopRefusal, verifyDpopProof, type DpopRequest, type VerifiedDpop } from './dpop-proof';

// DESIGN §12, RFC 9449: where the engine's DPoP rules meet a request. The proof's `htu` is this
// issuer's URL of the route (its credential_issuer, whatever Host the request came through), its jti
// is seen once among all processes (SeenOnceStore), and a refusal comes with a fresh DPoP-Nonce so the
// wallet can retry (§8.1).

export const DPOP_JTI_SCOPE = 'dpop';

/**
 * The request's DPoP proof checked for `route` (and, at a resource, for its access token and bound
 * key), or undefined when it sends none. Every answer to a DPoP request carries a current nonce.
 */
export async function checkDpop(
  ctx: EngineContext,
  exchange: WalletExchange,
  route: RouteId,
  at: 'token' | 'resource',
  binding: Pick<DpopRequest, 'accessToken' | 'boundJkt'> = {},
): Promise<VerifiedDpop | undefined> {
  const proof = exchange.header('dpop');
  if (proof === undefined) return undefined;
  const [nonces, policy] = await Promise.all([ctx.walletTrust.dpopNonces(), ctx.walletTrust.policy()]);
  const now = ctx.clock.now();
  try {
    const verified = await verifyDpopProof(
      { proof, method: 'POST', url: issuerUrl(ctx.settings.credentialIssuer, route), now, ...binding },
      {
        nonces,
        nonceRequired: policy.requireDpopNonce,
        firstSight: (hash, until) => ctx.stores.seenOnce.firstSight(DPOP_JTI_SCOPE, hash, until, now),
      },
    );
    exchange.respondWith('DPoP-Nonce', nonces.current(now));
    return verified;
  } catch (error) {
    if (error instanceof DpopRefusal) throw dpopError(error.kind, error.message, at, nonces.current(now));
    throw error;
  }
}

/** RFC 9449 §8: the nonce to hand out with an answer (the nonce endpoint's, OID4VCI 1.0 §7.2). */
export async function currentDpopNonce(ctx: EngineContext): Promise<string> {
  return (await ctx.walletTrust.dpopNonces()).current(ctx.clock.now());
}
