// The routes the fuzzers aim at, read from the route table (DESIGN §8): a route added there is
// fuzzed without touching these tests.
import type { RouteFamily, RouteMethod, RouteSpec } from '../../../../shared/routes/route-spec';
import { routeIds, routeTable, type RouteId } from '../../../../shared/routes/route-table';

const entries = routeIds.map((id) => [id, routeTable[id] as RouteSpec] as const);

/** Each path pattern of the management API with the route each method names. */
export function managementPaths(): { path: string; routes: Partial<Record<RouteMethod, RouteId>> }[] {
  const byPath = new Map<string, Partial<Record<RouteMethod, RouteId>>>();
  for (const [id, r] of entries) {
    if (r.family !== 'management') continue;
    byPath.set(r.path, { ...byPath.get(r.path), [r.method]: id });
  }
  return [...byPath].map(([path, routes]) => ({ path, routes }));
}

/** The management routes at one path pattern, by method. */
export const managementRoutesAt = (path: string): Partial<Record<string, RouteId>> =>
  managementPaths().find((p) => p.path === path)?.routes ?? {};

/** Paths of the given families that take no parameter, with their methods. */
export function fixedPaths(families: RouteFamily[]): { path: string; id: RouteId; method: RouteMethod }[] {
  return entries
    .filter(([, r]) => families.includes(r.family) && !r.path.includes(':') && !r.path.endsWith('*'))
    .map(([id, r]) => ({ path: r.path, id, method: r.method }));
}

/** Every literal path segment of the table (for generating paths near real ones). */
export const knownSegments = (): string[] =>
  [...new Set(entries.flatMap(([, r]) => r.path.split('/').filter((s) => s && !s.startsWith(':') && s !== '*')))].sort();
