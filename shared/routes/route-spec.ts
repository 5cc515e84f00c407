import type { z } from 'zod';
import type { ApiRole } from '../api/z-api-token';

/** Which kind of client a route is for; it decides the error shape of its paths (DESIGN §3, §4). */
export type RouteFamily = 'management' | 'wallet' | 'holder' | 'document' | 'ui' | 'operations';

/** The clerk's listener (management API, counter UI) or the wallet-facing one (DESIGN §8). */
export type ListenerName = 'clerk' | 'wallet';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `public`: no credential; `accessToken`: the wallet's access token (checked by the engine); else a management role. */
export type RouteRole = 'public' | 'accessToken' | ApiRole;

export type RouteResponse =
  | { kind: 'json'; status: 200 | 201; schema: z.ZodType }
  /** 204, no body. */
  | { kind: 'empty' }
  /** Server-sent events, each `event` carrying `schema` as JSON (HTML Living Standard §9.2). */
  | { kind: 'events'; event: string; schema: z.ZodType }
  /** HTML or a redirect for a browser. */
  | { kind: 'page' }
  /** Static files. */
  | { kind: 'files' }
  /** Text in a media type of its own (the Prometheus exposition format). */
  | { kind: 'text'; mediaType: string }
  /** One binary document in its media type: a DER CRL (RFC 5280 §5) as `application/pkix-crl`, a Status List Token as `application/statuslist+cwt`. */
  | { kind: 'bytes'; mediaType: string };

export interface RouteSpec {
  family: RouteFamily;
  listener: ListenerName | 'both';
  method: RouteMethod;
  /**
   * Segments; `:name` is one path parameter, `:name{chars}` one made only of a character class (e.g.
   * `{[0-9a-f-]+}`, so that it cannot be a literal segment of another route); a final `*` matches any
   * rest (only what no other route matches).
   */
  path: string;
  role: RouteRole;
  query?: z.ZodType;
  body?: { type: 'json' | 'form'; schema: z.ZodType };
  response: RouteResponse;
  /** The answer carries a code, token or tx_code: `Cache-Control: no-store` (DESIGN §8). */
  noStore?: true;
  /**
   * OID4VCI 1.0 §12.2.2: asked with `Accept: application/jwt`, the answer is the document's signed
   * form (its `signed_metadata`, when it has one) as `application/jwt`.
   */
  signedForm?: true;
}

type ParamName<N extends string> = N extends `${infer Name}{${string}}` ? Name : N;

/** `{id: string}` for '/x/:id' (or '/x/:id{[0-9]+}'), and so on. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in ParamName<Name>]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in ParamName<Name>]: string }
    : Record<never, never>;
