import { Hono } from 'hono';
import type { EngineContext } from '../core/context';
import type { AppEnv } from './app-env';
import { OAuthError } from '../core/errors/oauth-error';
import { issueCredential } from '../core/credentials/issue-credential';
import { receiveNotification } from '../core/credentials/notification';
import { authorizationServerMetadata, credentialIssuerMetadata, PATHS } from '../core/metadata/issuer-metadata';
import { fetchOfferByReference } from '../core/offers/fetch-offer-by-reference';
import { exchangeToken } from '../core/tokens/token-endpoint';
import { issueNonce } from '../core/tokens/nonces';
import { authorize, pushAuthorizationRequest, waitForDecision } from '../core/authorization/authorize';
import { problemPage, waitingPage } from './holder-page';
import { oauthErrorResponse, type Logger } from './error-responses';
import { requestInfo, walletForm, walletJson } from './request-input';

/** Wallet-facing endpoints (DESIGN §4), all answering errors as `{error, error_description}`. */
export function walletRoutes(ctx: EngineContext, log: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => oauthErrorResponse(error, c, log));
  const issuer = ctx.settings.credentialIssuer;
  const noStore = { 'Cache-Control': 'no-store' };

  app.get('/.well-known/openid-credential-issuer', async (c) =>
    c.json(credentialIssuerMetadata(issuer, ctx.settings.displayName, await ctx.stores.configurations.list())),
  );
  app.get('/.well-known/oauth-authorization-server', async (c) =>
    c.json(authorizationServerMetadata(issuer, await ctx.stores.configurations.list())),
  );
  app.get(PATHS.iacas, (c) => c.json({ iacas: [{ id: ctx.keys.iaca.id, certificatePem: ctx.keys.iaca.certificatePem }] }));
  app.get(`${PATHS.credentialOffers}/:reference`, async (c) =>
    c.json(await fetchOfferByReference(ctx, c.req.param('reference')), 200, noStore),
  );

  // DESIGN §4 (Authorization Code flow): the holder's browser, then the clerk, then the wallet's redirect_uri.
  app.get(PATHS.authorize, async (c) => {
    const outcome = await authorize(ctx, c.req.query(), requestInfo(c));
    if (outcome.kind === 'wait') return c.redirect(`${PATHS.authorize}/wait/${outcome.handle}`, 303);
    if (outcome.kind === 'redirect') return c.redirect(outcome.location, 303);
    return c.html(problemPage(outcome.message), outcome.status, noStore);
  });
  app.get(`${PATHS.authorize}/wait/:handle`, async (c) => {
    const outcome = await waitForDecision(ctx, c.req.param('handle'));
    if (outcome.kind === 'redirect') return c.redirect(outcome.location, 303);
    if (outcome.kind === 'gone') return c.html(problemPage('This request is unknown or has ended.'), 404, noStore);
    const minutes = Math.max(1, Math.ceil((outcome.expiresAt - ctx.clock.now()) / 60_000));
    return c.html(waitingPage(outcome.shortCode, minutes), 200, noStore);
  });
  app.post(PATHS.par, async (c) => c.json(await pushAuthorizationRequest(ctx, await walletForm(c)), 201, noStore));

  app.post(PATHS.token, async (c) =>
    c.json(await exchangeToken(ctx, await walletForm(c), requestInfo(c)), 200, { ...noStore, Pragma: 'no-cache' }),
  );
  app.post(PATHS.nonce, async (c) => {
    const { c_nonce } = await issueNonce(ctx);
    return c.json({ c_nonce }, 200, noStore);
  });
  app.post(PATHS.credential, async (c) =>
    c.json(await issueCredential(ctx, c.req.header('authorization'), await walletJson(c), requestInfo(c)), 200, noStore),
  );
  app.post(PATHS.notification, async (c) => {
    await receiveNotification(ctx, c.req.header('authorization'), await walletJson(c), requestInfo(c));
    return c.body(null, 204);
  });

  // A wrong method on a wallet endpoint, or an unknown path under its prefixes, in this family's shape.
  const wrongMethod = () => {
    throw new OAuthError(405, 'invalid_request', 'Method not allowed on this endpoint');
  };
  for (const path of [PATHS.token, PATHS.nonce, PATHS.credential, PATHS.notification, PATHS.par]) app.all(path, wrongMethod);
  for (const prefix of ['/v1/oauth', '/v1/openid', '/v1/mdoc', '/.well-known']) {
    app.all(`${prefix}/*`, () => {
      throw new OAuthError(404, 'not_found', 'No such endpoint');
    });
  }
  return app;
}
