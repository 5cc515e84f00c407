import type { RouteId } from '../../../../shared/routes/route-table';
import type { EngineContext } from '../context';
import { checkDpop } from '../dpop/sender-constraint';
import { invalidToken } from '../errors/oauth-error';
import { effectiveStatus } from '../offers/offer-view';
import type { SealedOfferRecord } from '../store';
import { sha256 } from '../util/secrets';
import type { WalletExchange } from '../wallets/wallet-exchange';

// RFC 6750 §2.1 and RFC 9449 §7: the access token at the credential and notification endpoints.
// A DPoP-bound token (cnf.jkt) is accepted only as `Authorization: DPoP <token>` with a proof by
// its key that carries `ath`; Bearer use of it is refused (§7.2). A Bearer token stays a Bearer
// token, unless the wallet policy requires DPoP.

// The scheme as RFC 6750 §2.1 and RFC 9449 §7.1 spell it; anything else is no access token.
const AUTHORIZATION = /^(Bearer|DPoP) ([A-Za-z0-9._~+/-]+=*)$/;

export interface AccessGrant {
  offer: SealedOfferRecord;
  accessToken: string;
  /** The request proved possession of the token's DPoP key. */
  dpop: boolean;
}

/** Resolves the Authorization header to the offer its access token was issued for. */
export async function offerForAccessToken(
  ctx: EngineContext,
  exchange: WalletExchange,
  route: RouteId,
  allowClaimed: boolean,
): Promise<AccessGrant> {
  const match = AUTHORIZATION.exec(exchange.header('authorization') ?? '');
  if (!match) throw invalidToken('an access token is required (Authorization: Bearer <token>, or DPoP <token> for a DPoP-bound one)');
  const scheme = match[1] === 'DPoP' ? 'DPoP' : 'Bearer';
  const accessToken = match[2]!;
  const offer = await ctx.stores.offers.getByTokenHash(sha256(accessToken));
  const now = ctx.clock.now();
  const status = offer ? effectiveStatus(offer, now) : undefined;
  const usable = status === 'token_issued' || (allowClaimed && (status === 'claimed' || status === 'accepted'));
  if (!offer || !usable || (offer.tokenExpiresAt ?? 0) <= now) throw invalidToken('the access token is not valid', scheme);

  if (offer.tokenJkt) {
    if (scheme !== 'DPoP')
      throw invalidToken('this access token is bound to a DPoP key: send it as Authorization: DPoP with a DPoP proof', 'DPoP');
    const proof = await checkDpop(ctx, exchange, route, 'resource', { accessToken, boundJkt: offer.tokenJkt });
    if (!proof) throw invalidToken('a DPoP proof is required with a DPoP-bound access token', 'DPoP');
    return { offer, accessToken, dpop: true };
  }
  if (scheme === 'DPoP') throw invalidToken('this access token is not DPoP-bound: send it as Authorization: Bearer');
  if ((await ctx.walletTrust.policy()).requireDpop) throw invalidToken('this issuer accepts only DPoP-bound access tokens', 'DPoP');
  return { offer, accessToken, dpop: false };
}
