// Fuzzing the management API (DESIGN §3): every route with arbitrary methods, ids, queries, bodies,
// content types and credentials. Harness and invariants: support/fuzz-server.ts.
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

beforeAll(startFuzzServer, 60_000);
afterAll(stopFuzzServer);

describe('fuzzing every endpoint: management API', () => {
  it(
    'management routes: arbitrary methods, ids, queries, bodies, content types and credentials',
    async () => {
      const { mdlId, pidId } = seed();
      type Resource =
        | 'offers'
        | 'offer'
        | 'offerEvents'
        | 'codeOffers'
        | 'codeOffer'
        | 'authorizations'
        | 'authorizationEvents'
        | 'approve'
        | 'reject'
        | 'configs'
        | 'config'
        | 'events'
        | 'apiTokens'
        | 'apiToken'
        | 'settings';
      // Which methods exist and which role they need (DESIGN §3; HEAD is answered like GET).
      const routes: Record<Resource, Partial<Record<string, 'issuer' | 'admin'>>> = {
        offers: { GET: 'issuer', POST: 'issuer' },
        offer: { GET: 'issuer', DELETE: 'issuer' },
        offerEvents: { GET: 'issuer' },
        codeOffers: { GET: 'issuer', POST: 'issuer' },
        codeOffer: { DELETE: 'issuer' },
        authorizations: { GET: 'issuer' },
        authorizationEvents: { GET: 'issuer' },
        approve: { POST: 'issuer' },
        reject: { POST: 'issuer' },
        configs: { GET: 'issuer', POST: 'admin' },
        config: { GET: 'issuer', PUT: 'admin', DELETE: 'admin' },
        events: { GET: 'admin' },
        apiTokens: { GET: 'admin', POST: 'admin' },
        apiToken: { DELETE: 'admin' },
        settings: { GET: 'issuer' },
      };
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
      const target = fc.oneof(
        fc.record({ resource: fc.constant<Resource>('offers'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('offer'), id: idArb(() => offerIds) }),
        fc.record({ resource: fc.constant<Resource>('offerEvents'), id: idArb(() => offerIds) }),
        fc.record({ resource: fc.constant<Resource>('codeOffers'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('codeOffer'), id: idArb(() => ownCodeOfferIds) }),
        fc.record({ resource: fc.constant<Resource>('authorizations'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('authorizationEvents'), id: fc.constant('') }),
        fc.record({ resource: fc.constantFrom<Resource>('approve', 'reject'), id: idArb(() => []) }),
        fc.record({ resource: fc.constant<Resource>('configs'), id: fc.constant('') }),
        // The seeded configurations only for reading: replacing or deleting them would break the final flow.
        fc.record({
          resource: fc.constant<Resource>('config'),
          id: fc.oneof(
            idArb(() => ownConfigIds),
            fc.constantFrom(mdlId, pidId),
          ),
        }),
        fc.record({ resource: fc.constant<Resource>('events'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('apiTokens'), id: fc.constant('') }),
        fc.record({ resource: fc.constant<Resource>('apiToken'), id: idArb(() => ownApiTokenIds) }),
        fc.record({ resource: fc.constant<Resource>('settings'), id: fc.constant('') }),
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

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          // Seeded configurations: read-only (see above).
          if (g.target.resource === 'config' && [mdlId, pidId].includes(g.target.id) && g.method !== 'GET' && g.method !== 'HEAD') return;
          const base = {
            offers: '/v1/openid/offers/pre-authorized',
            offer: '/v1/openid/offers/pre-authorized/',
            offerEvents: '/v1/openid/offers/pre-authorized/',
            codeOffers: '/v1/openid/offers',
            codeOffer: '/v1/openid/offers/',
            authorizations: '/v1/openid/authorizations',
            authorizationEvents: '/v1/openid/authorizations/events',
            approve: '/v1/openid/authorizations/',
            reject: '/v1/openid/authorizations/',
            configs: '/v2/credentials/mobile/configurations',
            config: '/v2/credentials/mobile/configurations/',
            events: '/v1/analytics/events',
            apiTokens: '/v1/counter/api-tokens',
            apiToken: '/v1/counter/api-tokens/',
            settings: '/v1/counter/settings',
          }[g.target.resource];
          const id = g.target.id === '' ? '' : segment(g.target.id, g.rawId);
          const suffix = { offerEvents: '/events', approve: '/approve', reject: '/reject' }[g.target.resource as string] ?? '';
          const path = `${base}${id}${suffix}${g.query}`;
          const headers: Record<string, string | string[]> = { ...g.extraHeaders };
          delete headers.expect; // 100-continue would make node wait for a go-ahead we never ask for
          if (g.auth.header !== undefined) headers.authorization = g.auth.header;
          if (g.contentType !== undefined) headers['content-type'] = headerSafe(g.contentType);
          const body =
            g.method === 'GET' || g.method === 'HEAD'
              ? undefined
              : renderBody(g.body.value === undefined ? { ...g.body, kind: 'none' } : g.body);
          const req: Sent = { method: g.method, path, headers, body, chunked: g.body.chunked };
          const res = await send(req);
          // An id that URL parsing turns into something else ("..", "%2e") lands on another route,
          // maybe of the other family; as does a code offer id that names one (…/offers/pre-authorized).
          if (/^(\.|%2e){1,2}$/i.test(id) || (g.target.resource === 'codeOffer' && /^pre-authorized$/i.test(g.target.id))) {
            checkCommon(req, res);
            if (res.status >= 400 && g.method !== 'HEAD' && !isManagementErrorBody(res.json) && !isOAuthErrorBody(res.json))
              fail('an error in neither documented shape', req, res);
            return;
          }
          checkManagement(req, res);

          const lookup = g.method === 'HEAD' ? 'GET' : g.method;
          const needs = routes[g.target.resource][lookup];
          if (needs === undefined) {
            // Usually 404, but another route may match (DELETE …/pre-authorized is DELETE /v1/openid/offers/{id}).
            if (res.status < 300) fail('a success from a method or route that does not exist', req, res);
            return;
          }
          if (g.auth.kind === 'none' || g.auth.kind === 'invalid') {
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
          const route = `${lookup} ${g.target.resource}`;
          switch (route) {
            case 'POST offers':
              if (res.status !== 201 || !sentJson || !isObject(g.body.value)) fail('implausible offer creation', req, res);
              if (
                typeof json?.id !== 'string' ||
                typeof json.uri !== 'string' ||
                !json.uri.startsWith('openid-credential-offer://') ||
                Number.isNaN(Date.parse(String(json.expiresAt)))
              )
                fail('offer creation answer is not {id, uri, expiresAt}', req, res);
              break;
            case 'POST configs':
              if (res.status !== 201 || !sentJson || !isObject(g.body.value) || typeof json?.id !== 'string')
                fail('implausible configuration creation', req, res);
              ownConfigIds.push(json!.id as string);
              break;
            case 'PUT config':
              if (
                res.status !== 200 ||
                !sentJson ||
                !isObject(g.body.value) ||
                !ownConfigIds.includes(g.target.id.toLowerCase()) ||
                String(json?.id).toLowerCase() !== g.target.id.toLowerCase()
              )
                fail('implausible configuration replacement', req, res);
              break;
            case 'POST codeOffers':
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
            case 'POST approve':
            case 'POST reject':
              fail('a decision on an authorization that never existed', req, res);
              break;
            case 'GET authorizationEvents':
              if (res.status !== 200 || !String(res.headers['content-type']).includes('text/event-stream'))
                fail('implausible authorization stream', req, res);
              break;
            case 'POST apiTokens':
              if (res.status !== 201 || !sentJson || typeof json?.token !== 'string' || typeof json.id !== 'string')
                fail('implausible API token creation', req, res);
              ownApiTokenIds.push(json!.id as string);
              break;
            case 'DELETE offer':
            case 'DELETE codeOffer':
            case 'DELETE config':
            case 'DELETE apiToken':
              if (res.status !== 204) fail('a delete answers 204', req, res);
              if (![...offerIds, ...ownCodeOfferIds, ...ownConfigIds, ...ownApiTokenIds].includes(g.target.id.toLowerCase()))
                fail('deleted something that never existed', req, res);
              break;
            case 'GET offer':
            case 'GET config':
              if (res.status !== 200 || String(json?.id).toLowerCase() !== g.target.id.toLowerCase())
                fail('a read answers the thing asked for', req, res);
              if (json && 'claims' in json) fail('an offer read carries claims', req, res);
              break;
            case 'GET offerEvents':
              if (
                res.status !== 200 ||
                !offerIds.includes(g.target.id.toLowerCase()) ||
                !String(res.headers['content-type']).includes('text/event-stream')
              )
                fail('implausible status stream', req, res);
              break;
            case 'GET settings':
              if (res.status !== 200 || !isObject(json)) fail('settings are an object', req, res);
              break;
            default:
              // The lists.
              if (res.status !== 200 || !Array.isArray(json?.data)) fail('a list answers {data: [...]}', req, res);
          }
        }),
        { numRuns: 2_000 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it('still issues normally afterwards, and the server is still up', stillIssuesNormally);
});
