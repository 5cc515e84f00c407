// A small HTTP reverse proxy standing in for the load balancer in front of several Counter
// processes behind one issuer URL (DESIGN §13). Each request goes to the backend `route` picks, so
// a test decides, say, that the token comes from one process and the credential from the other.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PathRouter {
  url: string;
  /** Which backend answers a request; change it at any time. */
  route: (method: string, path: string) => string;
  /** method + path → the backend URL that served it, in order. */
  served: { method: string; path: string; backend: string }[];
  close(): Promise<void>;
}

export async function startPathRouter(initial: (method: string, path: string) => string): Promise<PathRouter> {
  const router: PathRouter = { url: '', route: initial, served: [], close: async () => {} };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const backend = new URL(router.route(req.method ?? 'GET', path));
    router.served.push({ method: req.method ?? 'GET', path: path.split('?')[0]!, backend: backend.origin });
    const upstream = httpRequest(
      { host: backend.hostname, port: backend.port, method: req.method, path, headers: { ...req.headers, host: backend.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_gateway', error_description: error.message }));
    });
    req.pipe(upstream);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  router.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  router.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return router;
}
