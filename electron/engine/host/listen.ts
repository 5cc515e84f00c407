import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { refusalBody } from '../http/error-responses';
import { readTlsFiles, watchTlsFiles, type TlsFilesWatch, type TlsMaterial } from './tls-files';

export interface ListenOptions {
  host: string;
  port: number;
  /** Reloaded without a restart when the files change (tls-files.ts). */
  tls?: { certFile: string; keyFile: string };
  log?: (message: string, error?: unknown) => void;
}

export interface Listener {
  /** The real bound address, e.g. http://127.0.0.1:41231 */
  url: string;
  port: number;
  /** The certificate in service now, when this listener speaks TLS. */
  tls?: () => TlsMaterial;
  close(): Promise<void>;
}

type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;

// Requests too malformed to reach a route (bad framing, oversized headers, an unparsable URL or
// Host) are refused here, still in the documented error shape of the family their path belongs to.
const defaultLog = (message: string, error?: unknown) => console.error(`[counter] ${message}`, error ?? '');
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

function refuseMalformed(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const path = /^[A-Z]+ (\S+)/.exec(error.rawPacket?.toString('latin1') ?? '')?.[1] ?? '/';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = refusalBody(path, tooLarge ? 'The request headers are too large' : 'The request could not be read');
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Refuses a request whose URL or Host the fetch adapter could not turn into a Request. */
function withReadableUrl(listener: RequestListener): RequestListener {
  return (req, res) => {
    try {
      new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      res.writeHead(400, JSON_HEADERS).end(refusalBody(req.url ?? '/', 'The request URL or Host header is not valid'));
      return;
    }
    void listener(req, res);
  };
}

/**
 * Binds first and takes the handler afterwards, because with --port 0 the engine's public URL
 * (its credential_issuer) is known only once the port is.
 */
export async function listen(options: ListenOptions, handler: () => FetchHandler | undefined): Promise<Listener> {
  const fetch: FetchHandler = (request, env) =>
    handler()?.(request, env) ?? new Response(JSON.stringify({ code: 'Starting', message: 'Counter is starting' }), { status: 503 });
  const listener = withReadableUrl(
    getRequestListener(fetch, {
      errorHandler: () => new Response(refusalBody('/', 'The request could not be read'), { status: 400, headers: JSON_HEADERS }),
    }),
  );
  let tlsWatch: TlsFilesWatch | undefined;
  let server: Server;
  if (options.tls) {
    const { cert, key } = readTlsFiles(options.tls);
    const https = createHttpsServer({ cert, key }, listener);
    // New connections get the new certificate; open ones keep theirs until they close.
    tlsWatch = watchTlsFiles(options.tls, (next) => https.setSecureContext({ cert: next.cert, key: next.key }), options.log ?? defaultLog);
    server = https;
  } else {
    server = createHttpServer(listener);
  }
  server.on('clientError', refuseMalformed);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      tlsWatch?.stop();
      reject(error);
    };
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${hostForUrl}:${port}`,
    port,
    ...(tlsWatch ? { tls: tlsWatch.current } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        tlsWatch?.stop();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Streams (live status) would hold the server open; they end with the process.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
