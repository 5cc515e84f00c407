import type { EngineContext } from '../context';
import { invalidClient } from '../errors/oauth-error';
import { AttestationError } from './anchored-jwt';
import { verifyClientAttestation, type AttestedClient } from './client-attestation';
import type { WalletExchange } from './wallet-exchange';

export const ATTESTATION_POP_JTI_SCOPE = 'client-attestation-pop';

/**
 * DESIGN §12 at PAR and the token endpoint: the wallet's attestation, when it sends one, checked
 * against the trusted wallet providers. Required by the policy: no trusted attestation is 401
 * invalid_client (RFC 6749 §5.2). Optional: an attestation that does not verify is ignored, and
 * the wallet is simply not attested (never trusted on the strength of it).
 */
export async function authenticateWallet(
  ctx: EngineContext,
  exchange: WalletExchange,
  request: { clientId?: string | undefined; dpopJkt?: string | undefined },
): Promise<AttestedClient | undefined> {
  const attestation = exchange.header('oauth-client-attestation');
  const pop = exchange.header('oauth-client-attestation-pop');
  const policy = await ctx.walletTrust.policy();
  if (attestation === undefined) {
    if (policy.requireWalletAttestation) {
      throw invalidClient(
        'this issuer requires a wallet attestation: OAuth-Client-Attestation with its PoP (or a DPoP proof by the attested key)',
      );
    }
    return undefined;
  }
  const now = ctx.clock.now();
  try {
    return await verifyClientAttestation(
      {
        attestation,
        ...(pop !== undefined ? { pop } : {}),
        ...(request.dpopJkt ? { dpopJkt: request.dpopJkt } : {}),
        ...(request.clientId !== undefined ? { clientId: request.clientId } : {}),
        issuer: ctx.settings.credentialIssuer,
        now,
        firstSight: (hash, until) => ctx.stores.seenOnce.firstSight(ATTESTATION_POP_JTI_SCOPE, hash, until, now),
      },
      await ctx.walletTrust.anchors(),
    );
  } catch (error) {
    if (!(error instanceof AttestationError)) throw error;
    if (policy.requireWalletAttestation) throw invalidClient(error.message);
    return undefined;
  }
}
