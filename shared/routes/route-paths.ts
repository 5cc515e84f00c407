import type { ListenerName, RouteFamily, RouteSpec } from './route-spec';
import { routeTable, type RouteId } from './route-table';

// Paths read against the route table: which route a path is, its error shape, and URLs built from
// a route and its parameters. Pure; used by the engine, the HTTP client and the tests alike.

const segments = (path: string): string[] => path.split('?')[0]!.split('/').slice(1);

/** A pattern segment: a literal, or a parameter (`:name`, or `:name{class}` taking only that character class). */
export function parseSegment(segment: string): { literal: string } | { param: string; accepts: (value: string) => boolean } {
  const match = /^:([A-Za-z]+)(?:\{(\[[^\]]+\][+*])\})?$/.exec(segment);
  if (!match) return { literal: segment };
  const only = match[2] ? new RegExp(`^${match[2]}$`) : undefined;
  return { param: match[1]!, accepts: (value) => value !== '' && (!only || only.test(value)) };
}

/** The parameters of `path` when it matches `pattern`, else undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = segments(pattern);
  const got = segments(path);
  const wildcard = want.at(-1) === '*';
  if (wildcard ? got.length < want.length - 1 : got.length !== want.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w === '*') break;
    const segment = parseSegment(w);
    if ('param' in segment) {
      if (!segment.accepts(got[i] ?? '')) return undefined;
      params[segment.param] = got[i]!;
    } else if (w !== got[i]) return undefined;
  }
  return params;
}

const exactRoutes = (Object.entries(routeTable) as [RouteId, RouteSpec][]).filter(([, r]) => !r.path.endsWith('*'));
const fallbackRoutes = (Object.entries(routeTable) as [RouteId, RouteSpec][]).filter(([, r]) => r.path.endsWith('*'));

/** The routes whose path matches (any method); wildcard routes only when no exact one does. */
export function routesForPath(path: string): RouteId[] {
  const exact = exactRoutes.filter(([, r]) => matchPath(r.path, path)).map(([id]) => id);
  return exact.length > 0 ? exact : fallbackRoutes.filter(([, r]) => matchPath(r.path, path)).map(([id]) => id);
}

/** Leading segments `path` shares with `pattern` (a parameter shares a segment it accepts). */
function sharedPrefix(pattern: string, path: string): number {
  const want = segments(pattern);
  const got = segments(path);
  const shares = (w: string, g: string) => {
    const segment = parseSegment(w);
    return 'param' in segment ? segment.accepts(g) : w === g;
  };
  let n = 0;
  while (n < want.length && n < got.length && shares(want[n]!, got[n]!)) n++;
  return n;
}

/**
 * The family a path belongs to: that of the route it names; for an unknown path, that of the
 * routes it shares the longest leading segments with (OAuth-shaped when they disagree, since a
 * wallet cannot be expected to read the management shape); the UI when it shares none.
 */
export function familyOfPath(path: string): RouteFamily {
  const named = routesForPath(path).filter((id) => routeTable[id].family !== 'ui');
  if (named.length > 0) return routeTable[named[0]!].family;
  let best = 0;
  let families = new Set<RouteFamily>();
  for (const [, r] of exactRoutes) {
    const n = sharedPrefix(r.path, path);
    if (n > best) [best, families] = [n, new Set([r.family])];
    else if (n === best && n > 0) families.add(r.family);
  }
  if (best === 0) return 'ui';
  return families.size === 1 ? [...families][0]! : 'wallet';
}

/** Management and UI paths answer errors as `{code, message, details}`; the others as RFC 6749 `{error, error_description}`. */
export type ErrorShape = 'management' | 'oauth';
export const errorShapeOf = (family: RouteFamily): ErrorShape =>
  family === 'management' || family === 'ui' || family === 'operations' ? 'management' : 'oauth';
export const errorShapeOfPath = (path: string): ErrorShape => errorShapeOf(familyOfPath(path));

/** Whether a listener serves a route: everything when one listener is both doors. */
export const servedBy = (route: Pick<RouteSpec, 'listener'>, listener: ListenerName | 'both'): boolean =>
  listener === 'both' || route.listener === 'both' || route.listener === listener;

/** The path of a route with its parameters filled in (each one URL-encoded). */
export function routePath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]+)(?:\{[^}]*\})?/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${pattern}`);
    return encodeURIComponent(value);
  });
}
