import { Hono } from 'hono';
import type { EngineContext } from '../core/context';
import type { AppEnv } from './app-env';
import { managementErrorResponse, type Logger } from './error-responses';
import { managementRoutes } from './management-routes';
import { mountStaticUi } from './static-ui';
import { walletRoutes } from './wallet-routes';

/** The engine's whole HTTP surface as one fetch handler; the host owns listen() (STYLE §5). */
export function createHttpApp(ctx: EngineContext, options: { uiDir?: string; log: Logger }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', ctx.random.uuid());
    await next();
  });
  app.onError((error, c) => managementErrorResponse(error, c, options.log));
  app.notFound((c) => c.json({ code: 'NotFound', message: 'No such endpoint' }, 404));
  // Management first: its prefixes are more specific than the wallet's /v1/openid catch-all.
  app.route('/', managementRoutes(ctx, options.log));
  app.route('/', walletRoutes(ctx, options.log));
  mountStaticUi(app, options.uiDir);
  return app;
}
