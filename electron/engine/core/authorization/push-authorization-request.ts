import type { EngineContext, RequestInfo } from '../context';
import { OAuthError } from '../errors/oauth-error';
import { newSecret, sha256 } from '../util/secrets';
import { authorizationParams, knownParameters, RedirectableError, requestedConfigurations, trustedRedirect } from './authorization-request';
import { capPending, throttle, type Refusal } from './request-bounds';

export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

const refused = (r: Refusal) =>
  new OAuthError(r.status, r.status === 429 ? 'slow_down' : 'temporarily_unavailable', r.message, { 'Retry-After': String(r.retryAfter) });

/**
 * POST /v1/oauth/par (RFC 9126 §2): checks the request as the authorization endpoint would, keeps
 * its known parameters (DESIGN §8: each capped, ≤ 8 KB in all, so many per client address), and
 * answers a single-use request_uri.
 */
export async function pushAuthorizationRequest(
  ctx: EngineContext,
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
    if (!checked.issuerState) requestedConfigurations(checked, await ctx.stores.configurations.list());
  } catch (error) {
    if (error instanceof RedirectableError)
      throw new OAuthError(400, error.error === 'invalid_scope' ? 'invalid_scope' : 'invalid_request', error.description);
    throw error;
  }
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
