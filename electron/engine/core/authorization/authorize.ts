import type { EngineContext, RequestInfo } from '../context';
import { OAuthError } from '../errors/oauth-error';
import { codeHolderPublicKey } from '../claims/sealed-claims';
import { base64url, newSecret, sha256 } from '../util/secrets';
import {
  authorizationParams,
  RedirectableError,
  requestedConfigurations,
  trustedRedirect,
  type AuthorizationParams,
} from './authorization-request';

// The holder's half of the Authorization Code flow (DESIGN §4): the wallet's browser arrives at the authorization endpoint, gets a
// short code to show the clerk, and waits on a page that redirects once the clerk has decided.

export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** Where the holder's browser goes next. */
export type AuthorizeOutcome =
  { kind: 'wait'; handle: string } | { kind: 'redirect'; location: string } | { kind: 'page'; status: 400; message: string };

/** The code the wait page hands over is derived from its handle, so neither is stored in clear. */
export const codeFromHandle = (handle: string) => base64url(sha256(`counter:authorization_code:${handle}`));

export function redirectWith(redirectUri: string, issuer: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  url.searchParams.set('iss', issuer); // RFC 9207
  return url.toString();
}

/** A refused authorization request: recorded as OPENID_AUTHORIZE_FAIL, answered with its outcome. */
class AuthorizeRefusal extends OAuthError {
  constructor(
    readonly outcome: Exclude<AuthorizeOutcome, { kind: 'wait' }>,
    error: RedirectableError['error'] | 'invalid_request',
    description: string,
  ) {
    super(400, error === 'invalid_scope' ? 'invalid_scope' : 'invalid_request', description);
  }
}

/** GET /v1/oauth/authorize (RFC 6749 §4.1.1, RFC 9126 §4 for request_uri). */
export async function authorize(ctx: EngineContext, query: Record<string, string>, request: RequestInfo): Promise<AuthorizeOutcome> {
  const data: Record<string, string | string[]> = {};
  try {
    return await ctx.events.operation('OPENID_AUTHORIZE', request, data, async () => {
      // RFC 6749 §4.1.2.1: without a trustworthy redirect_uri, tell the holder, not the client.
      const toHolder = (message: string) => new AuthorizeRefusal({ kind: 'page', status: 400, message }, 'invalid_request', message);
      const params = await resolveRequestUri(ctx, query);
      if (typeof params === 'string') throw toHolder(params);
      const trusted = trustedRedirect(params);
      if (typeof trusted === 'string') throw toHolder(trusted);
      data.clientId = trusted.clientId;
      try {
        return { kind: 'wait', handle: await startAuthorization(ctx, authorizationParams(params, trusted), data) } as const;
      } catch (error) {
        if (!(error instanceof RedirectableError)) throw error;
        const location = redirectWith(trusted.redirectUri, ctx.settings.credentialIssuer, {
          error: error.error,
          error_description: error.description,
          state: params.state,
        });
        throw new AuthorizeRefusal({ kind: 'redirect', location }, error.error, error.description);
      }
    });
  } catch (error) {
    if (error instanceof AuthorizeRefusal) return error.outcome;
    throw error;
  }
}

async function resolveRequestUri(ctx: EngineContext, query: Record<string, string>): Promise<Record<string, string> | string> {
  if (!query.request_uri) return query;
  if (!query.request_uri.startsWith(REQUEST_URI_PREFIX)) return 'request_uri is not one this server issued';
  const pushed = await ctx.stores.authorizations.takePushedRequest(sha256(query.request_uri), ctx.clock.now());
  if (!pushed) return 'request_uri is unknown, expired or already used; start again in your wallet';
  if (query.client_id !== pushed.client_id) return 'client_id does not match the pushed authorization request';
  return pushed;
}

async function startAuthorization(ctx: EngineContext, p: AuthorizationParams, data: Record<string, string | string[]>): Promise<string> {
  let offered: string[] | undefined;
  let codeOfferId: string | undefined;
  if (p.issuerState) {
    const offer = await ctx.stores.codeOffers.getByIssuerState(p.issuerState);
    if (!offer) throw new RedirectableError('invalid_request', 'issuer_state is not one this issuer gave out');
    if (offer.revokedAt) throw new RedirectableError('access_denied', 'this credential offer has been withdrawn');
    offered = offer.credentials;
    codeOfferId = offer.id;
  }
  const credentials = requestedConfigurations(p, await ctx.stores.configurations.list(), offered);
  data.credentials = credentials;

  const now = ctx.clock.now();
  const handle = newSecret(ctx.random);
  const id = ctx.random.uuid();
  await ctx.stores.authorizations.insert({
    id,
    ...(codeOfferId ? { codeOfferId } : {}),
    clientId: p.clientId,
    redirectUri: p.redirectUri,
    ...(p.state !== undefined ? { state: p.state } : {}),
    codeChallenge: p.codeChallenge,
    credentials,
    shortCode: String(ctx.random.int(0, 10_000)).padStart(4, '0'),
    handleHash: sha256(handle),
    codeHash: sha256(codeFromHandle(handle)),
    // DESIGN §9: the clerk's approval is sealed to this key; its private half follows from the code.
    claimsKey: await codeHolderPublicKey(codeFromHandle(handle), id),
    createdAt: now,
    expiresAt: now + ctx.settings.authorizationSeconds * 1000,
  });
  data.authorizationId = id;
  ctx.authorizationChanges.notify();
  return handle;
}

/** POST /v1/oauth/par (RFC 9126 §2): keeps the request, answers a single-use request_uri. */
export async function pushAuthorizationRequest(
  ctx: EngineContext,
  form: Record<string, string>,
): Promise<{ request_uri: string; expires_in: number }> {
  if (form.request_uri) throw new OAuthError(400, 'invalid_request', 'request_uri may not be pushed');
  const trusted = trustedRedirect(form);
  if (typeof trusted === 'string') throw new OAuthError(400, 'invalid_request', trusted);
  try {
    const params = authorizationParams(form, trusted);
    if (!params.issuerState) requestedConfigurations(params, await ctx.stores.configurations.list());
  } catch (error) {
    if (error instanceof RedirectableError)
      throw new OAuthError(400, error.error === 'invalid_scope' ? 'invalid_scope' : 'invalid_request', error.description);
    throw error;
  }
  const requestUri = REQUEST_URI_PREFIX + newSecret(ctx.random);
  const expiresIn = ctx.settings.pushedRequestSeconds;
  await ctx.stores.authorizations.pushRequest(sha256(requestUri), form, ctx.clock.now() + expiresIn * 1000);
  return { request_uri: requestUri, expires_in: expiresIn };
}

export type WaitOutcome =
  { kind: 'pending'; shortCode: string; expiresAt: number } | { kind: 'redirect'; location: string } | { kind: 'gone' };

/** GET /v1/oauth/authorize/wait/{handle}: the holder's page, until the clerk decides. */
export async function waitForDecision(ctx: EngineContext, handle: string): Promise<WaitOutcome> {
  const authorization = handle.length <= 100 ? await ctx.stores.authorizations.getByHandleHash(sha256(handle)) : undefined;
  if (!authorization) return { kind: 'gone' };
  const issuer = ctx.settings.credentialIssuer;
  const back = (params: Record<string, string | undefined>) => ({
    kind: 'redirect' as const,
    location: redirectWith(authorization.redirectUri, issuer, { ...params, state: authorization.state }),
  });
  const status = authorization.status === 'pending' && authorization.expiresAt <= ctx.clock.now() ? 'expired' : authorization.status;
  switch (status) {
    case 'pending':
      return { kind: 'pending', shortCode: authorization.shortCode, expiresAt: authorization.expiresAt };
    case 'approved':
      return back({ code: codeFromHandle(handle) });
    case 'rejected':
      return back({ error: 'access_denied', error_description: 'The request was declined at the counter' });
    default:
      return back({ error: 'access_denied', error_description: 'The request expired before it was approved' });
  }
}
