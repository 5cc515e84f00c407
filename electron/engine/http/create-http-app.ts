import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { ListenerName, RouteSpec } from '../../../shared/routes/route-spec';
import { familyOfPath, routesForPath, servedBy } from '../../../shared/routes/route-paths';
import { routeIds, routeTable } from '../../../shared/routes/route-table';
import { authenticateCaller, authorize, type Principal } from '../core/auth/api-tokens';
import type { EngineContext } from '../core/context';
import { parseManagementInput } from '../core/errors/parse-input';
import type { AppEnv } from './app-env';
import { errorResponse, noRouteResponse, type Logger } from './error-responses';
import { managementHandlers } from './management-handlers';
import type { EngineMetrics } from './metrics';
import { operationsHandlers } from './operations-handlers';
import { publicHandlers } from './public-handlers';
import { managementJson, requestInfo, walletForm, walletJson } from './request-input';
import type { RouteCall, RouteHandlers } from './route-handler';
import { securityHeaders } from './security-headers';
import { counterUiFiles } from './static-ui';

export interface HttpAppOptions {
  uiDir?: string;
  log: Logger;
  /** Prometheus metrics of this engine (GET /metrics and the request histogram). */
  metrics: EngineMetrics;
  /** One structured line per request (COUNTER_LOG_FORMAT=json): method, route id, status, time, request id. */
  accessLog?: (fields: Record<string, unknown>) => void;
  /** Which door this app is (DESIGN §8): routes of the other answer 404 in their shape. Default: both. */
  listener?: ListenerName | 'both';
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

type AnyHandler = (call: RouteCall<RouteSpec>, c: Context<AppEnv>) => unknown;

/**
 * The engine's HTTP surface as one fetch handler, bound from the route table (STYLE §5; the host
 * owns listen()). Every route is registered with its own method and path and no two overlap, so
 * the order of registration decides nothing; what matches no route gets the answer of its
 * family: the counter UI's files, a 405, or a 404 in the path's error shape.
 */
export function createHttpApp(ctx: EngineContext, options: HttpAppOptions): Hono<AppEnv> {
  const listener = options.listener ?? 'both';
  const handlers: RouteHandlers = {
    ...managementHandlers(ctx),
    ...publicHandlers(ctx),
    ...operationsHandlers(ctx, options.metrics),
    counterUi: (_call, c) => ui(c),
  };
  const ui = counterUiFiles(options.uiDir);
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', ctx.random.uuid());
    const started = performance.now();
    try {
      await next();
    } finally {
      // By route id, never by raw path or query (they may carry codes): a bounded set of labels.
      const route = c.get('routeId') ?? (familyOfPath(c.req.path) === 'ui' ? 'counterUi' : 'unmatched');
      const seconds = (performance.now() - started) / 1000;
      options.metrics.observeRequest(route, c.req.method, c.res.status, seconds);
      options.accessLog?.({
        msg: 'request',
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round(seconds * 10_000) / 10,
        requestId: c.get('requestId'),
      });
    }
  });
  app.use('*', securityHeaders);
  app.onError((error, c) => errorResponse(error, c, options.log));

  for (const id of routeIds) {
    const route: RouteSpec = routeTable[id];
    if (route.path.endsWith('*') || !servedBy(route, listener)) continue;
    const handler = handlers[id] as AnyHandler;
    app.on(route.method, route.path, (c) => {
      c.set('routeId', id);
      return dispatch(ctx, route, handler, c);
    });
  }

  app.notFound(async (c) => {
    const path = c.req.path;
    const served = routesForPath(path).filter((id) => servedBy(routeTable[id], listener));
    if (familyOfPath(path) === 'ui' && served.includes('counterUi') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      return ui(c);
    }
    // A path of the table asked with another method (the UI's `/*` names no path of its own).
    return noRouteResponse(c, options.log, served.length > 0 && !served.includes('counterUi'));
  });
  return app;
}

/** Reads and checks a request the way its route says, runs the handler, and answers in the route's shape. */
async function dispatch(ctx: EngineContext, route: RouteSpec, handler: AnyHandler, c: Context<AppEnv>): Promise<Response> {
  const request = requestInfo(c);
  const authorization = c.req.header('authorization');
  let principal: Principal | undefined;
  if (route.role === 'issuer' || route.role === 'admin') {
    principal = await authenticateCaller(ctx, authorization, request.requestIp);
    authorize(principal, route.role);
    // DESIGN §14: every event of a clerk's request names the clerk.
    if (principal.kind === 'clerk') request.clerk = { id: principal.clerkId, name: principal.name };
  }
  const answerHeaders: Record<string, string> = route.noStore ? { ...NO_STORE } : {};
  const call: RouteCall<RouteSpec> = {
    // The route's role decides whether there is one (RouteCall types it per route).
    principal: principal as RouteCall<RouteSpec>['principal'],
    params: c.req.param() as RouteCall<RouteSpec>['params'],
    query: (route.query ? readQuery(route.query, c) : {}) as RouteCall<RouteSpec>['query'],
    body: route.body ? await readBody(route, c) : undefined,
    request,
    authorization,
    exchange: { header: (name) => c.req.header(name), respondWith: (name, value) => void (answerHeaders[name] = value) },
  };
  const result = await handler(call, c);
  switch (route.response.kind) {
    case 'json':
      if (route.signedForm) {
        answerHeaders.Vary = 'Accept';
        const signed = (result as { signed_metadata?: unknown }).signed_metadata;
        if (typeof signed === 'string' && prefersJwt(c.req.header('accept'))) {
          return c.body(signed, route.response.status, { ...answerHeaders, 'Content-Type': 'application/jwt' });
        }
      }
      return c.json(result as object, route.response.status, answerHeaders);
    case 'empty':
      return c.body(null, 204, answerHeaders);
    default:
      return result as Response;
  }
}

/** RFC 9110 §12.5.1, simply: application/jwt is asked for, and not after application/json. */
function prefersJwt(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const jwt = types.indexOf('application/jwt');
  const json = types.indexOf('application/json');
  return jwt >= 0 && (json < 0 || jwt < json);
}

function readQuery(schema: z.ZodType, c: Context<AppEnv>): unknown {
  // Management queries answer 400 with details; the holder page's query is read as it comes.
  return parseManagementInput(schema, c.req.query(), 'query');
}

function readBody(route: RouteSpec, c: Context<AppEnv>): Promise<unknown> {
  if (route.body?.type === 'form') return walletForm(c);
  return route.family === 'management' ? managementJson(c) : walletJson(c);
}
