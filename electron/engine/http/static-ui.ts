import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { serveStatic } from '@hono/node-server/serve-static';

// DESIGN §7: the counter UI loads nothing from elsewhere and runs no inline script.
export const UI_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Serves the built renderer at `/`, falling back to index.html for client-side routes. */
export function mountStaticUi(app: Hono<AppEnv>, uiDir: string | undefined): void {
  const index = uiDir ? join(uiDir, 'index.html') : undefined;
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' && !c.res.headers.get('content-type')?.includes('json')) {
      c.res.headers.set('Content-Security-Policy', UI_CSP);
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
      c.res.headers.set('Referrer-Policy', 'no-referrer');
    }
  });
  if (!uiDir || !index || !existsSync(index)) {
    // Not a server failure: this host was started without UI assets (the API works regardless).
    app.get('/', (c) =>
      c.json(
        { code: 'NotFound', message: 'Counter is running, but the counter UI has not been built (run `npm run serve`, which builds it).' },
        404,
      ),
    );
    return;
  }
  app.use('/*', serveStatic({ root: uiDir }));
  app.get('*', serveStatic({ root: uiDir, path: 'index.html' }));
}
