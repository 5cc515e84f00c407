import type { EngineContext, RequestInfo } from '../context';
import { checkDpop } from '../dpop/sender-constraint';
import { dpopError, OAuthError, type OAuthErrorCode } from '../errors/oauth-error';
import { authenticateWallet } from '../wallets/client-authentication';
import type { WalletExchange } from '../wallets/wallet-exchange';
import { newSecret, sha256 } from '../util/secrets';
import { authorizationParams, knownParameters, RedirectableError, requestedConfigurations, trustedRedirect } from './authorization-request';
import { capPending, throttle, type Refusal } from './request-bounds';

// The codes a pushed request is refused with as they are (RFC 9126 §2.3, RFC 9396 §5); anything else is invalid_request.
const parError = (code: RedirectableError['error']): OAuthErrorCode =>
  code === 'invalid_scope' || code === 'invalid_authorization_details' ? code : 'invalid_request';

export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/**
 * Kept with a pushed request whose wallet authenticated with a trusted attestation (DESIGN §8, §12):
 * the attestation's sub. Not a request parameter, so no request can set it (knownParameters drops it).
 */
export const ATTESTED_CLIENT = 'counter:attested_client_id';

const refused = (r: Refusal) =>
  new OAuthError(r.status, r.status === 429 ? 'slow_down' : 'temporarily_unavailable', r.message, { 'Retry-After': String(r.retryAfter) });

/**
 * POST /v1/oauth/par (RFC 9126 §2): checks the request as the authorization endpoint would, keeps
 * its known parameters (DESIGN §8: each capped, ≤ 8 KB in all, so many per client address), and
 * answers a single-use request_uri. The wallet authenticates as at the token endpoint (HAIP §4.3,
 * DESIGN §12: a wallet attestation, required or optional by the policy); a DPoP proof binds the
 * code to its key (RFC 9449 §10.1).
 */
export async function pushAuthorizationRequest(
  ctx: EngineContext,
  exchange: WalletExchange,
  form: Record<string, string>,
  request: RequestInfo,
): Promise<{ request_uri: string; expires_in: number }> {
  const slow = await throttle(ctx, request.requestIp);
  if (slow) throw refused(slow);
  if (form.request_uri) throw new OAuthError(400, 'invalid_request', 'request_uri may not be pushed');
  const params = knownParameters(form);
  if (typeof params === 'string') throw new OAuthError(400, 'invalid_request', params);
  const trusted = trustedRedirect(params);
  if (typeof trusted === 'string') throw new OAuthError(400, 'invalid_request', trusted);
  try {
    const checked = authorizationParams(params, trusted);
    if (!checked.issuerState) requestedConfigurations(checked, await ctx.stores.configurations.list(), ctx.settings.credentialIssuer);
  } catch (error) {
    if (error instanceof RedirectableError) throw new OAuthError(400, parError(error.error), error.description);
    throw error;
  }
  const dpop = await checkDpop(ctx, exchange, 'pushAuthorizationRequest', 'token');
  if (dpop) {
    // RFC 9449 §10.1: with both, dpop_jkt must be the proof's key; with the proof alone, it binds.
    if (params.dpop_jkt !== undefined && params.dpop_jkt !== dpop.jkt)
      throw dpopError('invalid_dpop_proof', "dpop_jkt is not the thumbprint of the DPoP proof's key", 'token');
    params.dpop_jkt = dpop.jkt;
  }
  const attested = await authenticateWallet(ctx, exchange, { clientId: params.client_id, dpopJkt: dpop?.jkt });
  if (attested) params[ATTESTED_CLIENT] = attested.clientId;
  const requestUri = REQUEST_URI_PREFIX + newSecret(ctx.random);
  const expiresIn = ctx.settings.pushedRequestSeconds;
  const now = ctx.clock.now();
  const full = await ctx.stores.transaction(async (tx) => {
    const cap = capPending(ctx, await tx.authorizations.countPushed(request.requestIp, now), expiresIn);
    if (!cap) await tx.authorizations.pushRequest(sha256(requestUri), params, now + expiresIn * 1000, request.requestIp);
    return cap;
  });
  if (full) throw refused(full);
  return { request_uri: requestUri, expires_in: expiresIn };
}
