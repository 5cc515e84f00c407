// Fuzzing what any client can reach without a token: the public wallet endpoints, any path with any
// method, raw garbage on a socket, and requests refused before the app. Harness and invariants:
// support/fuzz-server.ts.
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/constants';
import { startFuzzServer, stillIssuesNormally, stopFuzzServer } from './support/fuzz-server';
import { MARKER } from './support/marker';
import { anyJson, enc, nastyShort } from './support/nasty-values';
import { clip, describeRequest, send, type Sent } from './support/raw-http';
import { bodyArb, contentTypeArb, renderBody } from './support/request-bodies';
import { checkCommon, checkWallet, fail, isManagementErrorBody, isOAuthErrorBody, isObject } from './support/response-checks';
import { references } from './support/seed';
import { serverLogTail, underTest } from './support/server-under-test';
import { headerSafe, queryArb, segment } from './support/urls-and-headers';
import { fixedPaths, knownSegments } from './support/route-list';
import { familyOfPath, routesForPath } from '../../../shared/routes/route-paths';
import type { RouteSpec } from '../../../shared/routes/route-spec';
import { routeTable } from '../../../shared/routes/route-table';

beforeAll(startFuzzServer, 60_000);
afterAll(stopFuzzServer);

describe('fuzzing every endpoint: public endpoints, any path, raw sockets', () => {
  it(
    'public wallet endpoints: nonce, metadata, IACAs and offers by reference, with any method, query and headers',
    async () => {
      const { server } = underTest();
      const arb = fc.record({
        route: fc.oneof(
          fc.constantFrom(
            ...fixedPaths(['document']).map((p) => p.path),
            routeTable.nonce.path,
            '/.well-known/openid-configuration',
            '/.well-known/',
          ),
          fc
            .oneof(
              { arbitrary: fc.constantFrom(...references), weight: 2 },
              { arbitrary: nastyShort.filter((s) => s !== ''), weight: 2 },
              { arbitrary: fc.base64String({ minLength: 40, maxLength: 50 }), weight: 1 },
            )
            .chain((ref) => fc.boolean().map((raw) => routeTable.credentialOfferByReference.path.replace(':reference', segment(ref, raw)))),
          nastyShort.map((s) => `/.well-known/${enc(s)}`),
        ),
        method: fc.oneof(
          { arbitrary: fc.constantFrom('GET', 'POST'), weight: 8 },
          { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), weight: 1 },
        ),
        query: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: queryArb(['format', 'lang', 'nonce']), weight: 1 }),
        headers: fc.dictionary(
          fc.constantFrom('authorization', 'content-type', 'accept', 'accept-language', 'dpop', 'if-none-match'),
          fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(headerSafe),
          { maxKeys: 3 },
        ),
        body: bodyArb(anyJson),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const req: Sent = {
            method: g.method,
            path: `${g.route}${g.query}`,
            headers: g.headers,
            body: g.method === 'GET' || g.method === 'HEAD' ? undefined : renderBody(g.body),
          };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status >= 300 || g.method === 'HEAD') return;
          const json = res.json as Record<string, unknown> | undefined;
          const path = g.route;
          const offerPrefix = routeTable.credentialOfferByReference.path.replace(':reference', '');
          if (path === routeTable.nonce.path) {
            if (g.method !== 'POST' || typeof json?.c_nonce !== 'string' || res.headers['cache-control'] !== 'no-store')
              fail('nonce answer', req, res);
          } else if (path === routeTable.credentialIssuerMetadata.path) {
            if (g.method !== 'GET' || json?.credential_issuer !== server.url || !isObject(json.credential_configurations_supported))
              fail('issuer metadata answer', req, res);
          } else if (path === routeTable.authorizationServerMetadata.path) {
            if (g.method !== 'GET' || json?.issuer !== server.url || typeof json.token_endpoint !== 'string')
              fail('authorization server metadata answer', req, res);
          } else if (path === routeTable.iacas.path) {
            if (g.method !== 'GET' || !Array.isArray(json?.iacas)) fail('IACA answer', req, res);
          } else if (path.startsWith(offerPrefix)) {
            const reference = decodeURIComponent(path.slice(offerPrefix.length));
            if (g.method !== 'GET' || !references.includes(reference) || json?.credential_issuer !== server.url || !isObject(json.grants))
              fail('implausible offer by reference', req, res);
          } else {
            // Any other public document of the table: a success only with its method, in its declared shape.
            const route = routesForPath(path)
              .map((id) => routeTable[id] as RouteSpec)
              .find((r) => r.method === (g.method === 'HEAD' ? 'GET' : g.method) && r.family === 'document');
            if (!route) fail('a success from a path that does not exist', req, res);
            if (route.response.kind === 'json' && !route.response.schema.safeParse(json).success) fail('not its declared answer', req, res);
          }
        }),
        { numRuns: 800 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'any path, any method: a documented answer, never a 5xx, never a file outside the UI',
    async () => {
      const { server } = underTest();
      const knownSegment = fc.constantFrom(
        ...knownSegments(),
        'assets',
        'index.html',
        '..',
        '.',
        '%2e%2e',
        '%2E%2E%2F',
        '..%2f',
        '%2F',
        '%00',
        '%zz',
        '%',
        '~',
        '@',
        '%5c..%5c',
        'etc',
        'passwd',
      );
      const seg = fc.oneof(
        { arbitrary: knownSegment, weight: 5 },
        { arbitrary: fc.webSegment(), weight: 2 },
        { arbitrary: nastyShort.map((s) => segment(s, false)), weight: 2 },
      );
      const traversal = fc
        .tuple(
          fc.array(fc.constantFrom('..', '%2e%2e', '.%2e', '..%2f', '%2e%2e%2f', '..%5c', '%252e%252e'), { minLength: 3, maxLength: 9 }),
          fc.constantFrom(['etc', 'passwd'], ['etc%2fpasswd'], ['proc', 'self', 'environ'], ['proc%2fself%2fenviron']),
          fc.constantFrom([], ['assets'], ['v1']),
        )
        .map(([up, file, start]) => [...start, ...up, ...file]);
      const arb = fc.record({
        segments: fc.oneof({ arbitrary: fc.array(seg, { minLength: 0, maxLength: 7 }), weight: 5 }, { arbitrary: traversal, weight: 1 }),
        doubleSlash: fc.boolean(),
        trailingSlash: fc.boolean(),
        query: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: queryArb(['a', 'limit']), weight: 1 }),
        method: fc.oneof(
          { arbitrary: fc.constantFrom('GET', 'POST'), weight: 6 },
          {
            arbitrary: fc.constantFrom(
              'PUT',
              'DELETE',
              'PATCH',
              'HEAD',
              'OPTIONS',
              'TRACE',
              'PROPFIND',
              'MKCOL',
              'COPY',
              'MOVE',
              'LOCK',
              'UNLOCK',
              'SEARCH',
              'PURGE',
              'REPORT',
            ),
            weight: 3,
          },
        ),
        auth: fc.oneof(
          { arbitrary: fc.constant<string | undefined>(undefined), weight: 2 },
          { arbitrary: fc.constant(`Bearer ${server.adminToken}`), weight: 2 },
          { arbitrary: nastyShort.map(headerSafe), weight: 1 },
        ),
        contentType: contentTypeArb,
        body: bodyArb(anyJson),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const path = `/${g.segments.join(g.doubleSlash ? '//' : '/')}${g.trailingSlash ? '/' : ''}${g.query}`;
          const headers: Record<string, string> = {};
          if (g.auth !== undefined) headers.authorization = g.auth;
          if (g.contentType !== undefined) headers['content-type'] = headerSafe(g.contentType);
          const req: Sent = {
            method: g.method,
            path,
            headers,
            body: g.method === 'GET' || g.method === 'HEAD' ? undefined : renderBody(g.body),
            localAddress: '127.0.0.200',
          };
          const res = await send(req);
          checkCommon(req, res);
          if (g.method === 'HEAD') return;
          const type = String(res.headers['content-type'] ?? '');
          // The authorization endpoint and its wait page talk to the holder's browser: HTML by design.
          const holderPage = g.method === 'GET' && familyOfPath(path) === 'holder' && type.includes('text/html');
          if (res.status >= 400 && !holderPage) {
            if (!type.includes('json') || !(isManagementErrorBody(res.json) || isOAuthErrorBody(res.json)))
              fail('an error in neither documented shape', req, res);
          } else if (!type.includes('json') && g.method !== 'GET') {
            fail('a non-JSON success to a non-GET request', req, res);
          }
        }),
        { numRuns: 1_500 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'raw HTTP garbage on a socket: a 4xx or a closed connection, never a 5xx or a hang',
    async () => {
      const { server, host, port } = underTest();
      const line = fc.constantFrom(
        'POST /v1/oauth/token HTTP/1.1',
        'POST /v1/openid/credential HTTP/1.1',
        'GET /v1/openid/offers/pre-authorized HTTP/1.1',
        'GET / HTTP/1.0',
        'GET / HTTP/9.9',
        'GET  / HTTP/1.1',
        'GET /\u0000 HTTP/1.1',
        'G\u00e9T / HTTP/1.1',
        'POST /v1/oauth/token',
        'GET http://evil.example/ HTTP/1.1',
        'GET * HTTP/1.1',
      );
      const header = fc.oneof(
        fc.constantFrom(
          'Host: 127.0.0.1',
          'Content-Length: 5',
          'Content-Length: -1',
          'Content-Length: abc',
          'Content-Length: 5, 6',
          'Content-Length: 99999999999999999999',
          'Transfer-Encoding: chunked',
          'Transfer-Encoding: gzip, chunked',
          'Transfer-Encoding: identity',
          'Content-Type: application/json',
          'Content-Type: application/x-www-form-urlencoded',
          'Expect: 100-continue',
          'Connection: close',
          'Connection: upgrade',
          'Upgrade: websocket',
          ' folded: continuation',
          'No-Colon-Here',
          ': empty-name',
          'X\u0000Y: z',
          'Authorization: Bearer \u00ff\u00fe',
        ),
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      );
      const body = fc.oneof(
        fc.constantFrom('', 'grant_type=x', '{"a":1}', '5\r\nhello\r\n0\r\n\r\n', 'zz\r\nhello\r\n', '0\r\n\r\nGET / HTTP/1.1\r\n\r\n'),
        fc.string({ unit: 'binary-ascii', maxLength: 60 }),
      );
      const request = fc.oneof(
        {
          arbitrary: fc
            .tuple(line, fc.array(header, { maxLength: 5 }), body)
            .map(([l, hs, b]) => Buffer.from(`${l}\r\n${hs.join('\r\n')}\r\n\r\n${b}`, 'latin1')),
          weight: 4,
        },
        { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
      );
      const exchange = (bytes: Buffer) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect({ host, port, localAddress: '127.0.0.201' });
          const chunks: Buffer[] = [];
          const timer = setTimeout(() => {
            socket.destroy();
            reject(
              new Error(
                `the connection stayed open ${REQUEST_TIMEOUT_MS} ms after ${JSON.stringify(bytes.toString('latin1'))} and end of input`,
              ),
            );
          }, REQUEST_TIMEOUT_MS);
          socket.on('data', (chunk) => chunks.push(chunk));
          socket.on('error', () => undefined); // a reset is an answer too
          socket.on('close', () => {
            clearTimeout(timer);
            resolve(Buffer.concat(chunks).toString('latin1'));
          });
          socket.end(bytes);
        });
      await fc.assert(
        fc.asyncProperty(request, async (bytes) => {
          const answer = await exchange(bytes);
          for (const [, status] of answer.matchAll(/HTTP\/1\.[01] (\d{3})/g)) {
            if (Number(status) >= 500)
              throw new Error(
                `status ${status} for raw request ${JSON.stringify(bytes.toString('latin1'))}:\n${clip(answer, 800)}\n${serverLogTail()}`,
              );
          }
          if (answer.includes(MARKER) || answer.includes(server.adminToken))
            throw new Error(`leak in answer to ${JSON.stringify(bytes.toString('latin1'))}`);
        }),
        { numRuns: 200 },
      );
      // The server still answers normally.
      const res = await send({ method: 'GET', path: '/.well-known/oauth-authorization-server' });
      expect(res.status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it('requests refused before the app (over 16 KB of headers or URL, a backslash in the path, a bad Host) still get a documented 4xx error body', async () => {
    const { server } = underTest();
    const cases: Sent[] = [
      { method: 'GET', path: '/v2/credentials/mobile/configurations/\\', headers: { authorization: `Bearer ${server.adminToken}` } },
      { method: 'POST', path: '/v1/openid/credential\\x', headers: { 'content-type': 'application/json' }, body: '{}' },
      {
        method: 'POST',
        path: '/v1/oauth/token',
        headers: { host: 'bad host', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=x',
      },
      {
        method: 'POST',
        path: '/v1/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-padding': 'x'.repeat(20_000) },
        body: 'grant_type=x',
      },
      { method: 'GET', path: '/v1/openid/offers/pre-authorized', headers: { authorization: `Bearer ${'A'.repeat(20_000)}` } },
      { method: 'GET', path: `/v1/openid/credential-offers/${'r'.repeat(20_000)}` },
      {
        method: 'GET',
        path: `/v1/analytics/events?cursor=${'c'.repeat(20_000)}`,
        headers: { authorization: `Bearer ${server.adminToken}` },
      },
    ];
    const problems: string[] = [];
    for (const req of cases) {
      const res = await send(req);
      checkCommon(req, res);
      if (res.status < 400 || !(isManagementErrorBody(res.json) || isOAuthErrorBody(res.json))) {
        problems.push(
          `${clip(describeRequest(req), 160)}\n    → ${res.status} ${JSON.stringify(clip(res.text, 100))} (content-type: ${res.headers['content-type'] ?? 'none'})`,
        );
      }
    }
    expect(problems, 'requests answered outside the documented error shapes').toEqual([]);
  });

  it('still issues normally afterwards, and the server is still up', stillIssuesNormally);
});
