import type { EngineContext, RequestInfo } from '../context';
import { checkDpop, currentDpopNonce } from '../dpop/sender-constraint';
import { dpopError, invalidGrant, invalidRequest, OAuthError } from '../errors/oauth-error';
import type { EventData } from '../events/event-log';
import { authenticateWallet } from '../wallets/client-authentication';
import type { WalletExchange } from '../wallets/wallet-exchange';
import { guardGuesses } from './guess-guard';
import { newSecret, sha256 } from '../util/secrets';
import { AUTHORIZATION_CODE_GRANT, PRE_AUTHORIZED_GRANT } from '../offers/credential-offer';
import { authorizationCodeGrant } from './authorization-code-grant';
import { preAuthorizedGrant } from './pre-authorized-grant';
import { issueNonce } from './nonces';
import type { Grant } from './grant';
import { sealWithSecret } from '../claims/sealed-claims';
import { tokenAuthorizationDetails, type TokenAuthorizationDetail } from '../authorization/authorization-details';
import { grantedDetails, tokenRequestDetails } from './token-details';

export interface TokenResponse {
  access_token: string;
  /** RFC 9449 §5: DPoP when the token is bound to the proof's key. */
  token_type: 'Bearer' | 'DPoP';
  expires_in: number;
  /** Drafts 13–14 take the first nonce from here; 1.0 wallets use the nonce endpoint. */
  c_nonce: string;
  c_nonce_expires_in: number;
  /** OID4VCI 1.0 §6.2: when the authorization or token request used authorization_details. */
  authorization_details?: TokenAuthorizationDetail[];
}

/**
 * POST /v1/oauth/token (RFC 6749 §4.1.3 and OID4VCI 1.0 §6): both grants end in the same access
 * token, bound to the DPoP proof's key when the wallet sends one (RFC 9449 §5). The event records
 * whether DPoP was used and whether the wallet was attested (DESIGN §12), never the attestation.
 */
export function exchangeToken(
  ctx: EngineContext,
  exchange: WalletExchange,
  form: Record<string, string>,
  request: RequestInfo,
): Promise<TokenResponse> {
  const data: EventData = { grantType: form.grant_type ?? '', dpop: false, walletAttested: false };
  // Brute force is impossible per code (three strikes lock an offer; PKCE and 256-bit codes leave
  // nothing to guess) and throttled per client address, answered at once rather than queued.
  return guardGuesses(ctx, request, () =>
    ctx.events.operation('OPENID_TOKEN', request, data, async () => {
      if (!form.grant_type) throw invalidRequest('grant_type is required');
      const grant =
        form.grant_type === PRE_AUTHORIZED_GRANT
          ? preAuthorizedGrant
          : form.grant_type === AUTHORIZATION_CODE_GRANT
            ? authorizationCodeGrant
            : undefined;
      if (!grant) throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
      const requestedDetails = await tokenRequestDetails(ctx, form);
      // DESIGN §12: sender constraint and client authentication before the grant is looked at, so
      // that a refused proof or attestation never uses up a code.
      const dpop = await checkDpop(ctx, exchange, 'token', 'token');
      if (!dpop && (await ctx.walletTrust.policy()).requireDpop) {
        throw dpopError(
          'invalid_dpop_proof',
          'this issuer requires DPoP: send a DPoP proof with the token request',
          'token',
          await currentDpopNonce(ctx),
        );
      }
      data.dpop = dpop !== undefined;
      const attested = await authenticateWallet(ctx, exchange, { clientId: form.client_id, dpopJkt: dpop?.jkt });
      data.walletAttested = attested !== undefined;
      const granted = await grant(ctx, form, (offerId) => (data.offerId = offerId));
      // RFC 9449 §10: a code bound at the authorization request is redeemed only by that key; the
      // code is not used up by a refusal.
      if (granted.boundJkt && granted.boundJkt !== dpop?.jkt) {
        throw dpopError(
          'invalid_dpop_proof',
          'this authorization code is bound to a DPoP key (dpop_jkt): send a DPoP proof signed by it',
          'token',
          await currentDpopNonce(ctx),
        );
      }
      const details = grantedDetails(requestedDetails, granted);
      data.authorizationDetails = details !== undefined;
      return issueAccessToken(ctx, granted, dpop?.jkt, details);
    }),
  );
}

async function issueAccessToken(
  ctx: EngineContext,
  { offer, openClaims }: Grant,
  jkt: string | undefined,
  details: string[] | undefined,
): Promise<TokenResponse> {
  const now = ctx.clock.now();
  const accessToken = newSecret(ctx.random);
  const expiresIn = ctx.settings.accessTokenSeconds;
  // DESIGN §9: from now on the claims open only with the access token, which only the wallet holds.
  const claims = await openClaims();
  const sealed = claims && sealWithSecret(claims, 'access_token', accessToken, offer.id, ctx.random);
  // One token per code, ever: the conditional update decides between concurrent requests.
  const token = {
    hash: sha256(accessToken),
    expiresAt: now + expiresIn * 1000,
    ...(jkt ? { jkt } : {}),
    ...(details ? { detailsCredentials: details } : {}),
  };
  // The nonce is written first: once the code is redeemed nothing may fail (DESIGN §8, a storage
  // fault after the redemption would answer as failed a token the wallet can never ask for again).
  const nonce = await issueNonce(ctx);
  if (!sealed || !(await ctx.stores.offers.redeem(offer.id, token, sealed, now))) {
    throw invalidGrant(
      offer.kind === 'pre_authorized' ? 'the pre-authorized code has already been used' : 'the authorization code has already been used',
    );
  }
  ctx.offerChanges.notify(offer.id);
  return {
    access_token: accessToken,
    token_type: jkt ? 'DPoP' : 'Bearer',
    expires_in: expiresIn,
    c_nonce: nonce.c_nonce,
    c_nonce_expires_in: nonce.expires_in,
    ...(details ? { authorization_details: tokenAuthorizationDetails(details, ctx.settings.credentialIssuer) } : {}),
  };
}
