// DESIGN §3: a malformed resource id in a management path is a 400 with details naming the
// parameter, on every resource the route table has (derived from it, so a new route is covered
// as soon as it exists): the real engine on a real SQLite file, through its own fetch handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/host/create-engine';
import { routeIds, routeTable } from '../../shared/routes/route-table';
import type { RouteSpec } from '../../shared/routes/route-spec';
import { newDataDir, removeDataDir } from './support/counter-server';

const TOKEN = 'malformed-ids-admin-token-0123456789abcdef';
let engine: Engine;
let dataDir: string;

beforeAll(async () => {
  dataDir = newDataDir();
  engine = await createEngine({ dataDir, publicUrl: 'https://counter.test', adminToken: TOKEN, log: () => {} });
});
afterAll(async () => {
  await engine.close();
  removeDataDir(dataDir);
});

const withIdParameters = routeIds
  .map((id) => [id, routeTable[id] as RouteSpec] as const)
  .filter(([, route]) => route.family === 'management' && /\/:[A-Za-z]+/.test(route.path));

describe('malformed ids in management paths', () => {
  it('covers the routes that take an id', () => {
    expect(withIdParameters.length).toBeGreaterThan(10);
  });

  it.each(withIdParameters)('%s answers 400 with details for an id that is not a uuid', async (_id, route) => {
    const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    // A parameter the table constrains to hex digits and dashes (to tell it from a fixed segment) gets a malformed id of that alphabet.
    const malformed = (constraint: string | undefined) => (constraint ? '0123-abcd' : 'not-a-uuid');
    const path = route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, (_m, constraint?: string) => malformed(constraint));
    const value = malformed(/:[A-Za-z]+(\{[^}]*\})?/.exec(route.path)![1]);
    const response = await engine.app.request(path, {
      method: route.method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string; details: { param: string; location: string }[] };
    expect(body.code).toBe('BadRequest');
    expect(body.message).toMatch(/^Invalid .+ id$/);
    expect(body.details).toContainEqual(expect.objectContaining({ param: names[0], location: 'params', value }));
  });
});
