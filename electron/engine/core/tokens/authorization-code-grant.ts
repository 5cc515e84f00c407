import type { EngineContext } from '../context';
import { invalidGrant, invalidRequest, WrongGuessError } from '../errors/oauth-error';
import { openOfferClaims } from '../claims/offer-claims';
import type { Grant } from './grant';
import { base64url, constantTimeEqual, sha256 } from '../util/secrets';
import { effectiveStatus } from '../offers/offer-view';

/**
 * RFC 6749 §4.1.3 with PKCE S256 (RFC 7636 §4.6): the code, its verifier and redirect_uri. client_id
 * must match when sent; wallets using anonymous client authentication leave it out, and PKCE
 * already binds the code to the instance that asked for it.
 */
export async function authorizationCodeGrant(
  ctx: EngineContext,
  form: Record<string, string>,
  found: (offerId: string) => void,
): Promise<Grant> {
  for (const name of ['code', 'code_verifier', 'redirect_uri'] as const) {
    if (!form[name]) throw invalidRequest(`${name} is required`);
  }
  const offer = await ctx.stores.offers.getByCodeHash(sha256(form.code!));
  const authorization = offer?.kind === 'authorization_code' ? await ctx.stores.authorizations.get(offer.id) : undefined;
  if (!offer || !authorization) throw new WrongGuessError('the authorization code is not valid');
  found(offer.id);
  const status = effectiveStatus(offer, ctx.clock.now());
  if (status === 'expired') throw invalidGrant('the authorization code has expired');
  if (status !== 'pending') throw invalidGrant('the authorization code has already been used');
  if (form.client_id !== undefined && form.client_id !== authorization.clientId)
    throw invalidGrant('the code was issued to another client_id');
  if (form.redirect_uri !== authorization.redirectUri) throw invalidGrant('redirect_uri does not match the authorization request');
  const challenge = Buffer.from(base64url(sha256(form.code_verifier!)));
  if (!constantTimeEqual(challenge, Buffer.from(authorization.codeChallenge)))
    throw new WrongGuessError('code_verifier does not match the code_challenge');
  return {
    offer,
    openClaims: () => openOfferClaims(offer, 'authorization_code', form.code!),
    ...(authorization.dpopJkt ? { boundJkt: authorization.dpopJkt } : {}),
    ...(authorization.detailsCredentials ? { detailsRequested: true } : {}),
  };
}
