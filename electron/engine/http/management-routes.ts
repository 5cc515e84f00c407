import { Hono, type Context } from 'hono';
import type { ApiRole } from '../../../shared/api/z-api-token';
import type { EngineContext } from '../core/context';
import type { AppEnv } from './app-env';
import { authenticate, authorize, createApiToken, listApiTokens, revokeApiToken } from '../core/auth/api-tokens';
import {
  createConfiguration,
  deleteConfiguration,
  getConfiguration,
  listConfigurations,
  updateConfiguration,
} from '../core/configurations/manage-configurations';
import { createPreAuthorizedOffer } from '../core/offers/create-pre-authorized-offer';
import { cancelOffer, getOffer, listOffers } from '../core/offers/manage-offers';
import { listEvents } from '../core/events/list-events';
import { counterSettings } from '../core/metadata/counter-settings';
import { managementErrorResponse, type Logger } from './error-responses';
import { managementJson, requestInfo } from './request-input';
import { streamOfferStatus } from './offer-status-stream';
import { ManagementError } from '../core/errors/management-error';
import { createCodeOffer, listCodeOffers, revokeCodeOffer } from '../core/authorization/code-offers';
import { approveAuthorization, listAuthorizations, rejectAuthorization } from '../core/authorization/decide-authorization';
import { streamPendingAuthorizations } from './authorization-stream';
import { MANAGEMENT_PREFIXES } from './route-families';

type Handler = (c: Context<AppEnv>) => Promise<Response> | Response;

/** The management API (DESIGN §3): every route, its method and the role it needs, in one table. */
export function managementRoutes(ctx: EngineContext, log: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => managementErrorResponse(error, c, log));

  const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, needs: ApiRole, handler: Handler) =>
    app.on(method.toUpperCase(), path, async (c) => {
      authorize(await authenticate(ctx, c.req.header('authorization')), needs);
      return handler(c);
    });
  const query = (c: Context<AppEnv>) => c.req.query();

  route('post', '/v1/openid/offers/pre-authorized', 'issuer', async (c) =>
    c.json(await createPreAuthorizedOffer(ctx, await managementJson(c), requestInfo(c)), 201),
  );
  route('get', '/v1/openid/offers/pre-authorized', 'issuer', async (c) => c.json(await listOffers(ctx, query(c))));
  route('get', '/v1/openid/offers/pre-authorized/:id', 'issuer', async (c) => c.json(await getOffer(ctx, c.req.param('id')!)));
  route('get', '/v1/openid/offers/pre-authorized/:id/events', 'issuer', (c) => streamOfferStatus(ctx, c, c.req.param('id')!));
  route('delete', '/v1/openid/offers/pre-authorized/:id', 'issuer', async (c) => {
    await cancelOffer(ctx, c.req.param('id')!, requestInfo(c));
    return c.body(null, 204);
  });

  // DESIGN §4 (Authorization Code flow): Authorization Code offers, and the holders waiting for the clerk.
  route('post', '/v1/openid/offers', 'issuer', async (c) =>
    c.json(await createCodeOffer(ctx, await managementJson(c), requestInfo(c)), 201),
  );
  route('get', '/v1/openid/offers', 'issuer', async (c) => c.json(await listCodeOffers(ctx, query(c))));
  route('delete', '/v1/openid/offers/:id', 'issuer', async (c) => {
    await revokeCodeOffer(ctx, c.req.param('id')!);
    return c.body(null, 204);
  });
  route('get', '/v1/openid/authorizations', 'issuer', async (c) => c.json(await listAuthorizations(ctx, query(c))));
  route('get', '/v1/openid/authorizations/events', 'issuer', (c) => streamPendingAuthorizations(ctx, c));
  route('post', '/v1/openid/authorizations/:id/approve', 'issuer', async (c) =>
    c.json(await approveAuthorization(ctx, c.req.param('id')!, await managementJson(c), requestInfo(c))),
  );
  route('post', '/v1/openid/authorizations/:id/reject', 'issuer', async (c) =>
    c.json(await rejectAuthorization(ctx, c.req.param('id')!, requestInfo(c))),
  );

  route('get', '/v2/credentials/mobile/configurations', 'issuer', async (c) => c.json(await listConfigurations(ctx)));
  route('get', '/v2/credentials/mobile/configurations/:id', 'issuer', async (c) => c.json(await getConfiguration(ctx, c.req.param('id')!)));
  route('post', '/v2/credentials/mobile/configurations', 'admin', async (c) =>
    c.json(await createConfiguration(ctx, await managementJson(c), requestInfo(c)), 201),
  );
  route('put', '/v2/credentials/mobile/configurations/:id', 'admin', async (c) =>
    c.json(await updateConfiguration(ctx, c.req.param('id')!, await managementJson(c), requestInfo(c))),
  );
  route('delete', '/v2/credentials/mobile/configurations/:id', 'admin', async (c) => {
    await deleteConfiguration(ctx, c.req.param('id')!, requestInfo(c));
    return c.body(null, 204);
  });

  route('get', '/v1/analytics/events', 'admin', async (c) => c.json(await listEvents(ctx, query(c))));

  route('get', '/v1/counter/settings', 'issuer', (c) => c.json(counterSettings(ctx)));
  route('get', '/v1/counter/api-tokens', 'admin', async (c) => c.json(await listApiTokens(ctx)));
  route('post', '/v1/counter/api-tokens', 'admin', async (c) => c.json(await createApiToken(ctx, await managementJson(c)), 201));
  route('delete', '/v1/counter/api-tokens/:id', 'admin', async (c) => {
    await revokeApiToken(ctx, c.req.param('id')!);
    return c.body(null, 204);
  });

  // Anything else under the management prefixes is a 404 in this family's shape.
  for (const prefix of MANAGEMENT_PREFIXES) {
    app.all(`${prefix}/*`, () => {
      throw new ManagementError(404, 'NotFound', 'No such management endpoint');
    });
    app.all(prefix, () => {
      throw new ManagementError(404, 'NotFound', 'No such management endpoint');
    });
  }
  return app;
}
