import type { RouteClient, RouteInput, RouteOutput } from '../../../shared/http/route-client';
import type { RouteSpec } from '../../../shared/routes/route-spec';
import { routeTable, type RouteId } from '../../../shared/routes/route-table';
import { CounterApiError } from '../../../shared/counter-api';
import { authorize, type Principal } from '../core/auth/api-tokens';
import type { EngineContext, RequestInfo } from '../core/context';
import { parseManagementInput } from '../core/errors/parse-input';
import { toManagementError, type Logger } from '../http/error-responses';
import { managementHandlers } from '../http/management-handlers';
import { publicHandlers } from '../http/public-handlers';
import type { RouteCall } from '../http/route-handler';

// The management API called in-process (DESIGN §8: the Electron kiosk, no token and no JSON round
// trip). The same route table and handlers as HTTP: the route's role is checked against the
// caller, its query parsed with the route's schema (one set of list limits), its answer with the
// response schema, and any error mapped by the management family's one mapper.

/** Who an in-process call is made as; asked on every call, so an ended session or a revoked token stops at once. */
export type CallerIdentity = () => Promise<Principal>;

/** The address in-process calls are counted and logged under (throttles, analytics `requestIp`). */
export const IN_PROCESS_ADDRESS = 'kiosk';

type JsonHandler = (call: RouteCall<RouteSpec>) => unknown;

/** The error a CounterApi caller sees, the same as the HTTP client would make of the answer. */
export function apiError(error: unknown, log: Logger): CounterApiError {
  if (error instanceof CounterApiError) return error;
  const e = toManagementError(error, log);
  return new CounterApiError({ status: e.status, code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) });
}

export interface InProcessRoutes {
  call: RouteClient['call'];
  /** The caller, checked for this route's role (for watches, which are not calls). */
  callerFor(id: RouteId): Promise<Principal | undefined>;
}

export function inProcessRoutes(ctx: EngineContext, identity: CallerIdentity, log: Logger): InProcessRoutes {
  const handlers = { ...managementHandlers(ctx), ...publicHandlers(ctx) } as unknown as Record<RouteId, JsonHandler>;

  const callerFor = async (id: RouteId): Promise<Principal | undefined> => {
    const route: RouteSpec = routeTable[id];
    if (route.role !== 'issuer' && route.role !== 'admin') return undefined;
    const principal = await identity();
    authorize(principal, route.role);
    return principal;
  };

  const call = async <K extends RouteId>(id: K, input: RouteInput<K>): Promise<RouteOutput<K>> => {
    const route: RouteSpec = routeTable[id];
    try {
      // Only what a counter calls: management routes and public documents answering JSON or nothing.
      if (
        (route.family !== 'management' && route.family !== 'document') ||
        (route.response.kind !== 'json' && route.response.kind !== 'empty')
      )
        throw new Error(`Route ${id} cannot be called in-process`);
      const principal = await callerFor(id);
      const request: RequestInfo = {
        requestId: ctx.random.uuid(),
        requestIp: IN_PROCESS_ADDRESS,
        // DESIGN §14: every event of a clerk's call names the clerk.
        ...(principal?.kind === 'clerk' ? { clerk: { id: principal.clerkId, name: principal.name } } : {}),
      };
      const given = input as { params?: Record<string, string>; query?: unknown; body?: unknown };
      const result = await handlers[id]({
        principal: principal as RouteCall<RouteSpec>['principal'],
        params: (given.params ?? {}) as RouteCall<RouteSpec>['params'],
        query: (route.query ? parseManagementInput(route.query, given.query ?? {}, 'query') : {}) as RouteCall<RouteSpec>['query'],
        body: given.body,
        request,
        authorization: undefined,
        // No wallet calls in-process: no DPoP or attestation headers to read, none to answer.
        exchange: { header: () => undefined, respondWith: () => {} },
      });
      if (route.response.kind !== 'json') return undefined as RouteOutput<K>;
      // The answer the HTTP client would have parsed, without the JSON in between.
      return route.response.schema.parse(result) as RouteOutput<K>;
    } catch (error) {
      throw apiError(error, log);
    }
  };

  return { call, callerFor };
}
