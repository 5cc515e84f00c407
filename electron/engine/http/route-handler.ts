import type { Context } from 'hono';
import type { z } from 'zod';
import type { RouteSpec, PathParams } from '../../../shared/routes/route-spec';
import type { RouteId, RouteTable } from '../../../shared/routes/route-table';
import type { ApiRole } from '../../../shared/api/z-api-token';
import type { Principal } from '../core/auth/api-tokens';
import type { RequestInfo } from '../core/context';
import type { WalletExchange } from '../core/wallets/wallet-exchange';
import type { AppEnv } from './app-env';

/** What a handler gets: the request as the route table describes it, already read and checked. */
export interface RouteCall<R extends RouteSpec> {
  params: PathParams<R['path']>;
  /** Parsed with the route's query schema (400 with details otherwise). */
  query: R['query'] extends z.ZodType ? z.output<R['query']> : Record<string, never>;
  /** The body in the route's media type; the engine parses it with the route's schema inside the operation. */
  body: R['body'] extends { type: 'form' } ? Record<string, string> : unknown;
  request: RequestInfo;
  /** Who is calling: on routes that need a management role, checked before the handler runs. */
  principal: R['role'] extends ApiRole ? Principal : undefined;
  /** The Authorization header, for routes whose token the engine checks itself (the access token). */
  authorization: string | undefined;
  /** Request headers for the wallet protocol (DPoP, attestations) and headers for the answer (DPoP-Nonce). */
  exchange: WalletExchange;
}

type JsonResult<R extends RouteSpec> = R['response'] extends { kind: 'json'; schema: infer S extends z.ZodType } ? z.input<S> : never;

/**
 * JSON and empty answers are returned as values (typed by the route's response schema; the
 * binder sets status and headers); pages, streams and files build their own Response.
 */
export type RouteHandler<R extends RouteSpec> = R['response'] extends { kind: 'json' }
  ? (call: RouteCall<R>) => Promise<JsonResult<R>> | JsonResult<R>
  : R['response'] extends { kind: 'empty' }
    ? (call: RouteCall<R>) => Promise<void> | void
    : (call: RouteCall<R>, c: Context<AppEnv>) => Promise<Response> | Response;

/** One handler per route id: a route without one does not compile. */
export type RouteHandlers = { [K in RouteId]: RouteHandler<RouteTable[K]> };

type IdsOf<F extends RouteSpec['family']> = { [K in RouteId]: RouteTable[K]['family'] extends F ? K : never }[RouteId];
export type ManagementRouteId = IdsOf<'management'>;
export type ManagementHandlers = { [K in ManagementRouteId]: RouteHandler<RouteTable[K]> };
export type PublicRouteId = IdsOf<'wallet' | 'holder' | 'document'>;
export type PublicHandlers = { [K in PublicRouteId]: RouteHandler<RouteTable[K]> };
export type OperationsRouteId = IdsOf<'operations'>;
export type OperationsHandlers = { [K in OperationsRouteId]: RouteHandler<RouteTable[K]> };
