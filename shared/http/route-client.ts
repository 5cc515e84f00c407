import type { z } from 'zod';
import { CounterApiError } from '../counter-api';
import { routePath } from '../routes/route-paths';
import type { PathParams, RouteSpec } from '../routes/route-spec';
import { routeTable, type RouteId, type RouteTable } from '../routes/route-table';
import { responseError, unreachable } from './response-error';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

type ParamsInput<R extends RouteSpec> = keyof PathParams<R['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<R['path']> };
type QueryInput<R extends RouteSpec> = R['query'] extends z.ZodType ? { query?: z.input<R['query']> } : { query?: undefined };
type BodyInput<R extends RouteSpec> = R['body'] extends { schema: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: undefined };

/** What a call of route K sends: its path parameters, query and body, as the table types them. */
export type RouteInput<K extends RouteId> = ParamsInput<RouteTable[K]> & QueryInput<RouteTable[K]> & BodyInput<RouteTable[K]>;

/** What a call of route K resolves with: its response schema's output, or nothing for 204. */
export type RouteOutput<K extends RouteId> = RouteTable[K]['response'] extends { kind: 'json'; schema: infer S extends z.ZodType }
  ? z.output<S>
  : void;

export interface RouteClient {
  call<K extends RouteId>(id: K, input: RouteInput<K>): Promise<RouteOutput<K>>;
  /** Opens an event stream route (its answer is read by watch-event-stream.ts). */
  open<K extends RouteId>(id: K, input: RouteInput<K>, signal: AbortSignal): Promise<Response>;
}

/** The URL path and query of a call of `route`. */
export function routeTarget(route: RouteSpec, input: { params?: Record<string, string>; query?: unknown }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query as object | undefined) ?? {}))
    if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return routePath(route.path, input.params) + (text ? `?${text}` : '');
}

/** Calls management routes by id (DESIGN §3, §8): method, path and answer schema all come from the route table. */
export function createRouteClient(options: { baseUrl: string; token?: string; fetch: FetchLike }): RouteClient {
  // Without a token: the public routes (a clerk's sign-in).
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const url = (route: RouteSpec, input: { params?: Record<string, string>; query?: unknown }) =>
    new URL(routeTarget(route, input), options.baseUrl).toString();

  return {
    async call(id, input) {
      const route: RouteSpec = routeTable[id];
      const body = (input as { body?: unknown }).body;
      let response: Response;
      try {
        response = await options.fetch(url(route, input), {
          method: route.method,
          headers:
            body === undefined
              ? { ...headers, accept: 'application/json' }
              : { ...headers, accept: 'application/json', 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (cause) {
        throw unreachable(cause);
      }
      if (!response.ok) throw await responseError(response);
      if (route.response.kind !== 'json') return undefined as RouteOutput<typeof id>;
      const parsed = route.response.schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        throw new CounterApiError({
          status: response.status,
          code: 'InvalidResponse',
          message: `Unexpected answer from ${route.method} ${route.path}`,
        });
      }
      return parsed.data as RouteOutput<typeof id>;
    },
    open(id, input, signal) {
      // EventSource cannot send the Authorization header: fetch + a stream reader instead.
      return options.fetch(url(routeTable[id], input), { headers: { ...headers, accept: 'text/event-stream' }, cache: 'no-store', signal });
    },
  };
}
