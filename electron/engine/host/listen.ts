import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';

export interface ListenOptions {
  host: string;
  port: number;
  tls?: { certFile: string; keyFile: string };
}

export interface Listener {
  /** The real bound address, e.g. http://127.0.0.1:41231 */
  url: string;
  port: number;
  close(): Promise<void>;
}

type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Binds first and takes the handler afterwards, because with --port 0 the engine's public URL
 * (its credential_issuer) is known only once the port is.
 */
export async function listen(options: ListenOptions, handler: () => FetchHandler | undefined): Promise<Listener> {
  const fetch: FetchHandler = (request, env) =>
    handler()?.(request, env) ?? new Response(JSON.stringify({ code: 'Starting', message: 'Counter is starting' }), { status: 503 });
  const server = (
    options.tls
      ? createAdaptorServer({
          fetch,
          createServer: createHttpsServer,
          serverOptions: { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) },
        })
      : createAdaptorServer({ fetch })
  ) as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${hostForUrl}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Streams (live status) would hold the server open; they end with the process.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
