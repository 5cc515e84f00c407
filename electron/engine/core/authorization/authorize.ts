import type { EngineContext, RequestInfo } from '../context';
import { codeHolderPublicKey } from '../claims/sealed-claims';
import type { EventData } from '../events/event-log';
import { newSecret, sha256 } from '../util/secrets';
import {
  authorizationParams,
  knownParameters,
  RedirectableError,
  requestedConfigurations,
  trustedRedirect,
  type AuthorizationParams,
} from './authorization-request';
import { ATTESTED_CLIENT, REQUEST_URI_PREFIX } from './push-authorization-request';
import { codeFromHandle, isTrustedRedirect, redirectWith } from './redirects';
import { capPending, throttle } from './request-bounds';

// The holder's half of the Authorization Code flow (DESIGN §4): the wallet's browser arrives at the
// authorization endpoint, gets a short code to show the clerk, and waits on a page that redirects
// once the clerk has decided.

/** Where the holder's browser goes next. */
export type AuthorizeOutcome =
  | { kind: 'wait'; handle: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; status: 400 | 429 | 503; message: string; retryAfter?: number };

/** The refusal to record for an outcome that is one (STYLE §9), as OPENID_AUTHORIZE_FAIL data. */
function refusal(outcome: AuthorizeOutcome, error?: string): EventData | undefined {
  if (outcome.kind === 'wait') return undefined;
  return { error: error ?? 'invalid_request', status: outcome.kind === 'page' ? outcome.status : 303 };
}

/** GET /v1/oauth/authorize (RFC 6749 §4.1.1, RFC 9126 §4 for request_uri); the query with every value of each parameter. */
export async function authorize(
  ctx: EngineContext,
  query: Record<string, string | string[]>,
  request: RequestInfo,
): Promise<AuthorizeOutcome> {
  // DESIGN §8: a throttled request is answered before anything is written, analytics included.
  const slow = await throttle(ctx, request.requestIp);
  if (slow) return { kind: 'page', ...slow };
  const data: EventData = {};
  let error: string | undefined;
  return ctx.events.operation(
    'OPENID_AUTHORIZE',
    request,
    data,
    async (): Promise<AuthorizeOutcome> => {
      // RFC 6749 §4.1.2.1: without a trustworthy redirect_uri, tell the holder, not the client.
      const toHolder = (message: string) => ({ kind: 'page', status: 400, message }) as const;
      // RFC 9126 §5: with the setting on, only a request_uri from PAR starts an authorization.
      if (!query.request_uri && (await ctx.walletTrust.policy()).requirePushedAuthorizationRequests)
        return toHolder('This issuer accepts only pushed authorization requests (PAR); start again in your wallet');
      const params = await resolveRequest(ctx, query);
      if (typeof params === 'string') return toHolder(params);
      const trusted = trustedRedirect(params);
      if (typeof trusted === 'string') return toHolder(trusted);
      data.clientId = trusted.clientId;
      try {
        return await startAuthorization(ctx, authorizationParams(params, trusted), data, request);
      } catch (e) {
        if (!(e instanceof RedirectableError)) throw e;
        error = e.error;
        // DESIGN §8: before the clerk decides, only a redirect URI the kiosk trusts hears of the error:
        // one on the allow-list, or one an attested wallet pushed (DESIGN §12).
        const attested = params[ATTESTED_CLIENT] === trusted.clientId;
        if (!attested && !isTrustedRedirect(ctx, trusted.redirectUri)) return toHolder(e.description);
        const location = redirectWith(trusted.redirectUri, ctx.settings.credentialIssuer, {
          error: e.error,
          error_description: e.description,
          state: params.state,
        });
        return { kind: 'redirect', location };
      }
    },
    (outcome) => refusal(outcome, error),
  );
}

/** The request's known parameters, from the query or from the pushed request it names. */
async function resolveRequest(ctx: EngineContext, query: Record<string, string | string[]>): Promise<Record<string, string> | string> {
  const params = knownParameters(query);
  if (typeof params === 'string' || !params.request_uri) return params;
  if (!params.request_uri.startsWith(REQUEST_URI_PREFIX)) return 'request_uri is not one this server issued';
  const pushed = await ctx.stores.authorizations.takePushedRequest(sha256(params.request_uri), ctx.clock.now());
  if (!pushed) return 'request_uri is unknown, expired or already used; start again in your wallet';
  if (params.client_id !== pushed.client_id) return 'client_id does not match the pushed authorization request';
  return pushed;
}

/** Short codes are unique among pending requests (DESIGN §8): so many tries to find a free one. */
const SHORT_CODE_TRIES = 20;

async function startAuthorization(
  ctx: EngineContext,
  p: AuthorizationParams,
  data: EventData,
  request: RequestInfo,
): Promise<AuthorizeOutcome> {
  let offered: string[] | undefined;
  let codeOfferId: string | undefined;
  if (p.issuerState) {
    const offer = await ctx.stores.codeOffers.getByIssuerState(p.issuerState);
    if (!offer) throw new RedirectableError('invalid_request', 'issuer_state is not one this issuer gave out');
    if (offer.revokedAt) throw new RedirectableError('access_denied', 'this credential offer has been withdrawn');
    offered = offer.credentials;
    codeOfferId = offer.id;
  }
  const { credentials, detailsCredentials } = requestedConfigurations(
    p,
    await ctx.stores.configurations.list(),
    ctx.settings.credentialIssuer,
    offered,
  );
  data.credentials = credentials;

  const now = ctx.clock.now();
  const handle = newSecret(ctx.random);
  const id = ctx.random.uuid();
  const lifetime = ctx.settings.authorizationSeconds;
  // DESIGN §9: the clerk's approval is sealed to this key; its private half follows from the code.
  const claimsKey = await codeHolderPublicKey(codeFromHandle(handle), id);
  const outcome = await ctx.stores.transaction(async (tx): Promise<AuthorizeOutcome> => {
    const full = capPending(ctx, await tx.authorizations.countPending(request.requestIp, now), lifetime);
    if (full) return { kind: 'page', ...full };
    let shortCode: string | undefined;
    for (let i = 0; i < SHORT_CODE_TRIES && shortCode === undefined; i++) {
      const candidate = String(ctx.random.int(0, 10_000)).padStart(4, '0');
      if (!(await tx.authorizations.isShortCodePending(candidate, now))) shortCode = candidate;
    }
    if (shortCode === undefined)
      return { kind: 'page', status: 503, retryAfter: 60, message: 'The counter is busy; try again in a minute.' };
    await tx.authorizations.insert({
      id,
      ...(codeOfferId ? { codeOfferId } : {}),
      clientId: p.clientId,
      redirectUri: p.redirectUri,
      ...(p.state !== undefined ? { state: p.state } : {}),
      codeChallenge: p.codeChallenge,
      ...(p.dpopJkt ? { dpopJkt: p.dpopJkt } : {}),
      credentials,
      ...(detailsCredentials ? { detailsCredentials } : {}),
      shortCode,
      handleHash: sha256(handle),
      codeHash: sha256(codeFromHandle(handle)),
      claimsKey,
      clientAddress: request.requestIp,
      createdAt: now,
      expiresAt: now + lifetime * 1000,
    });
    return { kind: 'wait', handle };
  });
  if (outcome.kind === 'wait') {
    data.authorizationId = id;
    ctx.authorizationChanges.notify();
  }
  return outcome;
}
