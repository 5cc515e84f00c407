// Fuzzing the management API (DESIGN §3): every route of the route table with arbitrary methods, ids,
// queries, bodies, content types and credentials. Harness and invariants: support/fuzz-server.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MDL_CLAIMS } from '../support/fixtures';
import { authArb } from './support/authorization-headers';
import { TEST_TIMEOUT_MS } from './support/constants';
import { startFuzzServer, stillIssuesNormally, stopFuzzServer } from './support/fuzz-server';
import { apiTokenBodyArb, configurationBodyArb, offerBodyArb } from './support/management-bodies';
import { anyJson, mutated, nastyShort, nastyString } from './support/nasty-values';
import { send, type Sent } from './support/raw-http';
import { bodyArb, contentTypeArb, renderBody } from './support/request-bodies';
import { checkCommon, checkManagement, fail, isManagementErrorBody, isOAuthErrorBody, isObject } from './support/response-checks';
import { managementOfferIds, ownApiTokenIds, ownCodeOfferIds, ownConfigIds, seed } from './support/seed';
import { headerSafe, queryArb, segment } from './support/urls-and-headers';
import { managementPaths, managementRoutesAt } from './support/route-list';
import { routesForPath } from '../../../shared/routes/route-paths';
import type { RouteSpec } from '../../../shared/routes/route-spec';
import { routeTable, type RouteId } from '../../../shared/routes/route-table';

beforeAll(startFuzzServer, 60_000);
afterAll(stopFuzzServer);

describe('fuzzing every endpoint: management API', () => {
  it(
    'management routes: arbitrary methods, ids, queries, bodies, content types and credentials',
    async () => {
      const { mdlId, pidId } = seed();
      const offerIds = managementOfferIds;
      const idArb = (pool: () => string[]) =>
        fc.oneof(
          { arbitrary: fc.uuid(), weight: 3 },
          { arbitrary: fc.nat().map((i) => pool()[i % Math.max(1, pool().length)] ?? crypto.randomUUID()), weight: 3 },
          { arbitrary: nastyShort.filter((s) => s !== ''), weight: 3 },
          {
            arbitrary: fc.constantFrom(
              '..',
              '.',
              '%00',
              '%zz',
              '00000000-0000-0000-0000-000000000000',
              'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
              mdlId.toUpperCase(),
              `${mdlId}.json`,
            ),
            weight: 1,
          },
        );
      // Ids worth trying per route (anything else gets random and nasty ids only). The seeded
      // configurations only for reading: replacing or deleting them would break the final flow.
      const pools: Partial<Record<RouteId, () => string[]>> = {
        getPreAuthorizedOffer: () => offerIds,
        revokeCodeOffer: () => ownCodeOfferIds,
        getConfiguration: () => [...ownConfigIds, mdlId, pidId],
        updateConfiguration: () => ownConfigIds,
        revokeApiToken: () => ownApiTokenIds,
      };
      const target = fc.oneof(
        ...managementPaths().map(({ path, routes }) => {
          const pool = Object.values(routes).find((id) => pools[id]);
          return fc.record({
            path: fc.constant(path),
            id: path.includes(':id') ? idArb(pool ? pools[pool]! : () => []) : fc.constant(''),
          });
        }),
      );
      const codeOfferBody = mutated(
        fc.record(
          {
            credentials: fc.oneof(fc.constant([mdlId]), fc.array(nastyString, { maxLength: 3 })),
            request_parameters: fc.oneof(fc.record({ login_hint: nastyString, prompt: nastyString }, { requiredKeys: [] }), anyJson),
          },
          { requiredKeys: ['credentials'] },
        ),
      );
      const approveBody = mutated(fc.record({ claims: fc.oneof(fc.constant<unknown>({ ...MDL_CLAIMS, family_name: 'Fuzz' }), anyJson) }));
      const bodies = fc.oneof(offerBodyArb(), configurationBodyArb(), apiTokenBodyArb(), codeOfferBody, approveBody, anyJson);
      const arb = fc.record({
        target,
        method: fc.oneof(
          { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), weight: 8 },
          { arbitrary: fc.constantFrom('PATCH', 'HEAD', 'OPTIONS'), weight: 1 },
        ),
        rawId: fc.boolean(),
        query: queryArb(['status', 'limit', 'cursor', 'type']),
        auth: authArb(),
        contentType: contentTypeArb,
        body: bodyArb(bodies),
        extraHeaders: fc.dictionary(
          fc.constantFrom('x-forwarded-for', 'accept', 'accept-encoding', 'origin', 'cookie', 'x-request-id', 'expect'),
          fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(headerSafe),
          { maxKeys: 2 },
        ),
      });

      let guesses = 0;
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const routes = managementRoutesAt(g.target.path);
          // Seeded configurations: read-only (see above).
          if (routes.GET === 'getConfiguration' && [mdlId, pidId].includes(g.target.id) && g.method !== 'GET' && g.method !== 'HEAD')
            return;
          const id = g.target.id === '' ? '' : segment(g.target.id, g.rawId);
          const path = `${g.target.path.replace(':id', id)}${g.query}`;
          const headers: Record<string, string | string[]> = { ...g.extraHeaders };
          delete headers.expect; // 100-continue would make node wait for a go-ahead we never ask for
          if (g.auth.header !== undefined) headers.authorization = g.auth.header;
          if (g.contentType !== undefined) headers['content-type'] = headerSafe(g.contentType);
          const body =
            g.method === 'GET' || g.method === 'HEAD'
              ? undefined
              : renderBody(g.body.value === undefined ? { ...g.body, kind: 'none' } : g.body);
          // Wrong tokens are throttled per client address (DESIGN §8): they come from addresses of their
          // own, few enough from each to stay under the limit, so every one of them is answered 401.
          const guesser = g.auth.kind === 'invalid' ? { localAddress: `127.0.0.${60 + (guesses++ % 40)}` } : {};
          const req: Sent = { method: g.method, path, headers, body, chunked: g.body.chunked, ...guesser };
          const res = await send(req);
          // An id that URL parsing turns into something else ("..", "%2e") lands on another route,
          // maybe of the other family; as does an id that names one (DELETE …/offers/pre-authorized).
          const landsElsewhere = routesForPath(path).some((other) => routeTable[other].path !== g.target.path);
          if (/^(\.|%2e){1,2}$/i.test(id) || landsElsewhere) {
            checkCommon(req, res);
            if (res.status >= 400 && g.method !== 'HEAD' && !isManagementErrorBody(res.json) && !isOAuthErrorBody(res.json))
              fail('an error in neither documented shape', req, res);
            return;
          }
          checkManagement(req, res);

          const lookup = g.method === 'HEAD' ? 'GET' : g.method;
          const routeId = routes[lookup];
          if (routeId === undefined) {
            if (res.status < 300) fail('a success from a method or route that does not exist', req, res);
            return;
          }
          const route: RouteSpec = routeTable[routeId];
          const needs = route.role;
          // A clerk's sign-in and the customer display's own routes take no management token (DESIGN §14).
          if (needs !== 'public' && (g.auth.kind === 'none' || g.auth.kind === 'invalid')) {
            if (res.status !== 401) fail('a request without a known token must be 401', req, res);
            return;
          }
          if (needs === 'admin' && g.auth.kind !== 'admin') {
            if (res.status !== 403) fail('an issuer token on an admin route must be 403', req, res);
            return;
          }
          if (res.status >= 300 || g.method === 'HEAD') return;

          // A success: plausible, and in its documented shape.
          const sentJson = g.body.kind === 'json' || g.body.kind === 'bom';
          const json = res.json as Record<string, unknown> | undefined;
          // Every success has the status and the shape its route declares.
          if (route.response.kind === 'json' && (res.status !== route.response.status || !route.response.schema.safeParse(json).success))
            fail(`not the answer ${routeId} declares`, req, res);
          if (route.response.kind === 'empty' && res.status !== 204) fail('a route without a body answers 204', req, res);
          switch (routeId) {
            case 'createPreAuthorizedOffer':
              if (res.status !== 201 || !sentJson || !isObject(g.body.value)) fail('implausible offer creation', req, res);
              if (
                typeof json?.id !== 'string' ||
                typeof json.uri !== 'string' ||
                !json.uri.startsWith('openid-credential-offer://') ||
                Number.isNaN(Date.parse(String(json.expiresAt)))
              )
                fail('offer creation answer is not {id, uri, expiresAt}', req, res);
              break;
            case 'createConfiguration':
              if (res.status !== 201 || !sentJson || !isObject(g.body.value) || typeof json?.id !== 'string')
                fail('implausible configuration creation', req, res);
              ownConfigIds.push(json!.id as string);
              break;
            case 'updateConfiguration':
              if (
                res.status !== 200 ||
                !sentJson ||
                !isObject(g.body.value) ||
                !ownConfigIds.includes(g.target.id.toLowerCase()) ||
                String(json?.id).toLowerCase() !== g.target.id.toLowerCase()
              )
                fail('implausible configuration replacement', req, res);
              break;
            case 'createCodeOffer':
              if (
                res.status !== 201 ||
                !sentJson ||
                typeof json?.id !== 'string' ||
                typeof json.uri !== 'string' ||
                !json.uri.startsWith('openid-credential-offer://')
              )
                fail('implausible code offer creation', req, res);
              ownCodeOfferIds.push(json!.id as string);
              break;
            case 'approveAuthorization':
            case 'rejectAuthorization':
              fail('a decision on an authorization that never existed', req, res);
              break;
            case 'watchAuthorizations':
              if (res.status !== 200 || !String(res.headers['content-type']).includes('text/event-stream'))
                fail('implausible authorization stream', req, res);
              break;
            case 'createApiToken':
              if (res.status !== 201 || !sentJson || typeof json?.token !== 'string' || typeof json.id !== 'string')
                fail('implausible API token creation', req, res);
              ownApiTokenIds.push(json!.id as string);
              break;
            case 'cancelPreAuthorizedOffer':
            case 'revokeCodeOffer':
            case 'deleteConfiguration':
            case 'revokeApiToken':
              if (res.status !== 204) fail('a delete answers 204', req, res);
              if (![...offerIds, ...ownCodeOfferIds, ...ownConfigIds, ...ownApiTokenIds].includes(g.target.id.toLowerCase()))
                fail('deleted something that never existed', req, res);
              break;
            case 'getPreAuthorizedOffer':
            case 'getConfiguration':
              if (res.status !== 200 || String(json?.id).toLowerCase() !== g.target.id.toLowerCase())
                fail('a read answers the thing asked for', req, res);
              if (json && 'claims' in json) fail('an offer read carries claims', req, res);
              break;
            case 'watchPreAuthorizedOffer':
              if (
                res.status !== 200 ||
                !offerIds.includes(g.target.id.toLowerCase()) ||
                !String(res.headers['content-type']).includes('text/event-stream')
              )
                fail('implausible status stream', req, res);
              break;
            case 'getCounterSettings':
              if (res.status !== 200 || !isObject(json)) fail('settings are an object', req, res);
              break;
            default:
              // The lists (and any route added since: its declared answer was checked above).
              if (route.method === 'GET' && route.response.kind === 'json' && !Array.isArray(json?.data) && routeId.startsWith('list'))
                fail('a list answers {data: [...]}', req, res);
          }
        }),
        { numRuns: 2_000 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it('still issues normally afterwards, and the server is still up', stillIssuesNormally);
});
