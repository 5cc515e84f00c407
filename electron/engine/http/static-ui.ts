import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './app-env';

/** The counter UI's files, and index.html for its client-side routes; a JSON 404 when it was not built. */
export function counterUiFiles(uiDir: string | undefined): (c: Context<AppEnv>) => Promise<Response> {
  if (!uiDir || !existsSync(join(uiDir, 'index.html'))) {
    // Not a server failure: this host was started without UI assets (the API works regardless).
    return async (c) =>
      c.json(
        { code: 'NotFound', message: 'Counter is running, but the counter UI has not been built (run `npm run serve`, which builds it).' },
        404,
      );
  }
  const files = serveStatic({ root: uiDir });
  const index = serveStatic({ root: uiDir, path: 'index.html' });
  const none = async () => undefined;
  return async (c) => (await files(c, none)) ?? (await index(c, none)) ?? c.json({ code: 'NotFound', message: 'No such file' }, 404);
}
