import type { EngineContext } from '../core/context';
import { authorize } from '../core/authorization/authorize';
import { pushAuthorizationRequest } from '../core/authorization/push-authorization-request';
import { waitForDecision } from '../core/authorization/wait-for-decision';
import { issueCredential } from '../core/credentials/issue-credential';
import { receiveNotification } from '../core/credentials/notification';
import { authorizationServerMetadata, credentialIssuerMetadata, metadataPolicy, walletPath } from '../core/metadata/issuer-metadata';
import { fetchOfferByReference } from '../core/offers/fetch-offer-by-reference';
import { issueNonce } from '../core/tokens/nonces';
import { exchangeToken } from '../core/tokens/token-endpoint';
import type { Context } from 'hono';
import { OAuthError } from '../core/errors/oauth-error';
import { iacaCrl, publicIacas } from '../core/trust/public-trust';
import { currentDpopNonce } from '../core/dpop/sender-constraint';
import { problemPage, waitingPage } from './holder-page';
import { holderTextFor, type HolderProblem } from './holder-text';
import { minutesLeft, streamHolderWait } from './holder-wait-stream';
import type { PublicHandlers } from './route-handler';
import { statusListHandlers } from './status-list-handlers';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** A holder's redirect may carry a code or the wait page's handle: never cached (DESIGN §8). */
const redirect = (c: Context, location: string) => {
  c.header('Cache-Control', 'no-store');
  return c.redirect(location, 303);
};

/** Wallet endpoints, holder pages and public documents (DESIGN §4): one handler per route of the table. */
export const publicHandlers = (ctx: EngineContext): PublicHandlers => ({
  token: ({ exchange, body, request }) => exchangeToken(ctx, exchange, body, request),
  pushAuthorizationRequest: ({ exchange, body, request }) => pushAuthorizationRequest(ctx, exchange, body, request),
  // OID4VCI 1.0 §7.2: a DPoP nonce beside the c_nonce, for the credential request's proof.
  nonce: async ({ exchange }) => {
    exchange.respondWith('DPoP-Nonce', await currentDpopNonce(ctx));
    return { c_nonce: (await issueNonce(ctx)).c_nonce };
  },
  credential: ({ exchange, body, request }) => issueCredential(ctx, exchange, body, request),
  notification: ({ exchange, body, request }) => receiveNotification(ctx, exchange, body, request),

  // DESIGN §4 (Authorization Code flow): the holder's browser, then the clerk, then the wallet's redirect_uri.
  authorize: async ({ request }, c) => {
    // Every value of every parameter, so that a repeated one is refused rather than one of them picked.
    const outcome = await authorize(ctx, c.req.queries(), request);
    if (outcome.kind === 'wait') return redirect(c, walletPath('authorizationWait', { handle: outcome.handle }));
    if (outcome.kind === 'redirect') return redirect(c, outcome.location);
    const headers: Record<string, string> = { ...NO_STORE };
    if (outcome.retryAfter) headers['Retry-After'] = String(outcome.retryAfter);
    const problem: HolderProblem = outcome.status === 429 ? 'tooMany' : outcome.status === 503 ? 'busy' : 'badRequest';
    return c.html(problemPage(holderTextFor(c), problem, outcome.message), outcome.status, headers);
  },
  authorizationWait: async ({ params }, c) => {
    const outcome = await waitForDecision(ctx, params.handle);
    if (outcome.kind === 'redirect') return redirect(c, outcome.location);
    const t = holderTextFor(c);
    if (outcome.kind === 'gone') return c.html(problemPage(t, 'unknownRequest'), 404, NO_STORE);
    return c.html(waitingPage(t, outcome.shortCode, minutesLeft(outcome.expiresAt, ctx.clock.now())), 200, NO_STORE);
  },
  authorizationWaitEvents: ({ params }, c) => streamHolderWait(ctx, c, params.handle),

  credentialIssuerMetadata: async () => {
    const metadata = credentialIssuerMetadata(
      ctx.settings.credentialIssuer,
      ctx.settings.displayName,
      await ctx.stores.configurations.list(),
      await metadataPolicy(ctx),
    );
    // DESIGN §12: the same parameters, signed (OID4VCI 1.0 §12.2.3).
    const signed = await ctx.metadataSigning.sign(metadata, ctx.clock.now());
    return signed ? { ...metadata, signed_metadata: signed } : metadata;
  },
  authorizationServerMetadata: async () =>
    authorizationServerMetadata(ctx.settings.credentialIssuer, await ctx.stores.configurations.list(), await metadataPolicy(ctx)),
  iacas: () => publicIacas(ctx),
  iacaCrl: async ({ params }, c) => {
    const crl = await iacaCrl(ctx, params.id);
    if (!crl) throw new OAuthError(404, 'not_found', 'No CRL is published here for this IACA');
    // RFC 5280 §5: DER; verifiers may cache it until shortly before nextUpdate (it is re-signed 2 days ahead).
    return c.body(new Uint8Array(crl), 200, { 'Content-Type': 'application/pkix-crl', 'Cache-Control': 'max-age=3600' });
  },
  credentialOfferByReference: ({ params }) => fetchOfferByReference(ctx, params.reference),
  ...statusListHandlers(ctx),
});
