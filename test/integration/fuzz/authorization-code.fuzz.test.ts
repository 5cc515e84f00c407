// Fuzzing the authorization code flow end to end: code offers, authorize (direct and pushed), the
// wait page, the clerk's decision, token and credential. Token requests come from source addresses of
// their own (127.0.0.150–170), so the token throttle never blocks the real flows. Harness and
// invariants: support/fuzz-server.ts.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MDL_DOCTYPE, PID_DOCTYPE, TEST_TIMEOUT_MS } from './support/constants';
import { startFuzzServer, stillIssuesNormally, stopFuzzServer } from './support/fuzz-server';
import { FUZZ_CLAIMS } from './support/marker';
import { anyJson, enc, mutated, nastyShort, nastyString } from './support/nasty-values';
import { b64u, buildProof } from './support/proof-jwts';
import { send, type Received, type Sent } from './support/raw-http';
import { checkCommon, checkManagement, checkWallet, fail, isOAuthErrorBody } from './support/response-checks';
import { seed } from './support/seed';
import { underTest } from './support/server-under-test';

/** The same string with its last character changed. */
const flipLast = (s: string) => `${s.slice(0, -1)}${s.endsWith('B') ? 'C' : 'B'}`;

beforeAll(startFuzzServer, 60_000);
afterAll(stopFuzzServer);

describe('fuzzing every endpoint: authorization code flow', () => {
  it(
    'authorization code flow: code offers, authorize (direct and pushed), the wait page, the clerk’s decision, token and credential',
    async () => {
      const { server } = underTest();
      const { mdlId, pidId } = seed();
      const verifierArb = fc.base64String({ minLength: 44, maxLength: 44 }).map((s) => s.replace(/[+/=]/g, 'A'));
      const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
      const redirectArb = fc.oneof(
        { arbitrary: fc.constant('https://wallet.example/cb'), weight: 12 },
        {
          arbitrary: fc.constantFrom(
            'wallet://cb?x=1',
            'http://127.0.0.1:1/cb',
            'javascript:alert(1)',
            'JavaScript:alert(1)',
            'data:text/html,x',
            'file:///etc/passwd',
            'https://wallet.example/cb#frag',
            'not a url',
            '/relative',
            'https://a.example/' + 'p'.repeat(1100),
            '',
          ),
          weight: 2,
        },
        { arbitrary: nastyShort, weight: 1 },
      );
      const param = <T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<T | undefined>[]) =>
        fc.oneof({ arbitrary: valid as fc.Arbitrary<T | undefined>, weight: 15 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
      const codeOfferBody = fc.oneof(
        { arbitrary: fc.constant<unknown>({ credentials: [mdlId] }), weight: 4 },
        {
          arbitrary: fc.constant<unknown>({ credentials: [mdlId, pidId], request_parameters: { login_hint: 'desk 3', prompt: 'login' } }),
          weight: 1,
        },
        {
          arbitrary: mutated(
            fc.record(
              {
                credentials: fc.oneof(fc.constant([mdlId]), fc.array(nastyShort, { maxLength: 2 })),
                request_parameters: fc.oneof(fc.record({ login_hint: nastyString, prompt: nastyShort }, { requiredKeys: [] }), anyJson),
              },
              { requiredKeys: ['credentials'] },
            ),
          ),
          weight: 2,
        },
      );
      type Naming = 'issuer_state' | 'scope' | 'scope-id' | 'details' | 'none' | 'random-issuer-state' | 'revoked-issuer-state' | 'all';
      const arb = fc.record({
        codeOffer: codeOfferBody,
        naming: fc.oneof(
          { arbitrary: fc.constantFrom<Naming>('issuer_state', 'scope', 'scope-id', 'details'), weight: 6 },
          { arbitrary: fc.constantFrom<Naming>('none', 'random-issuer-state', 'revoked-issuer-state', 'all'), weight: 2 },
        ),
        responseType: param(fc.constant('code'), fc.constantFrom('token', 'code id_token', '', 'CODE'), fc.constant(undefined)),
        clientId: param(fc.constant('fuzz-wallet'), fc.constant(undefined), nastyShort, fc.constant('c'.repeat(300))),
        redirectUri: redirectArb,
        verifier: verifierArb,
        challenge: fc.oneof(
          { arbitrary: fc.constant('right'), weight: 8 },
          { arbitrary: fc.constantFrom('short', 'missing', 'not-base64url'), weight: 1 },
        ),
        method: param(fc.constant('S256'), fc.constantFrom('plain', 's256', ''), fc.constant(undefined)),
        state: fc.option(nastyShort, { freq: 2 }),
        scope: param(
          fc.constant(MDL_DOCTYPE),
          fc.constantFrom('openid', `${MDL_DOCTYPE} ${PID_DOCTYPE}`, 'unknown.doc', '', `openid ${MDL_DOCTYPE}`),
          nastyShort,
        ),
        details: param(
          fc.constant(JSON.stringify([{ type: 'openid_credential', credential_configuration_id: mdlId }])),
          fc.oneof(
            fc.constantFrom(
              '[]',
              '{}',
              'not json',
              '[{"type":"openid_credential"}]',
              '[{"type":"x"}]',
              'null',
              '[{"type":"openid_credential","doctype":"org.iso.18013.5.1.mDL"}]',
            ),
            anyJson.map((v) => JSON.stringify(v) ?? ''),
          ),
        ),
        pushed: fc.oneof(
          { arbitrary: fc.constantFrom('no', 'yes'), weight: 6 },
          { arbitrary: fc.constantFrom('yes-wrong-client', 'yes-garbled', 'yes-twice'), weight: 1 },
        ),
        decision: fc.oneof(
          { arbitrary: fc.constant('approve'), weight: 6 },
          { arbitrary: fc.constantFrom('approve-bad-claims', 'reject', 'approve-twice', 'none'), weight: 2 },
        ),
        tokenCode: fc.oneof(
          { arbitrary: fc.constant('right'), weight: 8 },
          { arbitrary: fc.constantFrom('garbled', 'missing'), weight: 1 },
        ),
        tokenVerifier: fc.oneof(
          { arbitrary: fc.constant('right'), weight: 8 },
          { arbitrary: fc.constantFrom('wrong', 'missing'), weight: 1 },
        ),
        tokenRedirect: fc.oneof(
          { arbitrary: fc.constant('same'), weight: 8 },
          { arbitrary: fc.constantFrom('other', 'missing'), weight: 1 },
        ),
        tokenClient: fc.oneof({ arbitrary: fc.constantFrom('absent', 'same'), weight: 8 }, { arbitrary: fc.constant('other'), weight: 1 }),
        handleGarble: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
        source: fc.integer({ min: 150, max: 170 }),
      });
      const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
      const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
      const forbiddenScheme = /^(javascript|data|vbscript|file|blob|about):/i;
      /** authorize and its wait page: a redirect, a page for the holder, or (JSON) an error of the wallet family. */
      const checkHolderPage = (req: Sent, res: Received) => {
        checkCommon(req, res);
        const type = String(res.headers['content-type'] ?? '');
        if (![200, 303, 400, 404, 429].includes(res.status)) fail(`undocumented authorization page status ${res.status}`, req, res);
        if (res.status === 303) {
          const location = String(res.headers.location ?? '');
          if (location === '' || forbiddenScheme.test(location.trim())) fail('a redirect to nowhere or to a dangerous scheme', req, res);
        } else if (!type.includes('text/html') && !(res.status >= 400 && isOAuthErrorBody(res.json))) {
          fail('an authorization page that is neither HTML nor a documented error', req, res);
        }
      };
      let run = 0;

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          run += 1;
          const clientId = g.clientId === 'fuzz-wallet' ? `fuzz-wallet-${run}` : g.clientId;
          let issuerState: string | undefined;
          if (['issuer_state', 'revoked-issuer-state', 'all'].includes(g.naming)) {
            const req: Sent = { method: 'POST', path: '/v1/openid/offers', headers: admin, body: JSON.stringify(g.codeOffer) };
            const res = await send(req);
            checkManagement(req, res);
            if (res.status === 201) {
              const created = res.json as { id?: unknown; uri?: unknown };
              const offer = JSON.parse(new URL(String(created.uri)).searchParams.get('credential_offer') ?? '{}') as {
                grants?: { authorization_code?: { issuer_state?: string } };
              };
              issuerState = offer.grants?.authorization_code?.issuer_state;
              if (typeof created.id !== 'string' || typeof issuerState !== 'string')
                fail('a code offer without id or issuer_state', req, res);
              if (g.naming === 'revoked-issuer-state') {
                const revoke: Sent = { method: 'DELETE', path: `/v1/openid/offers/${created.id}`, headers: admin };
                const revoked = await send(revoke);
                checkManagement(revoke, revoked);
                if (revoked.status !== 204) fail('a new code offer could not be revoked', revoke, revoked);
              }
            }
          }
          const params: Record<string, string> = {};
          const set = (key: string, value: string | undefined | null) => {
            if (value !== undefined && value !== null) params[key] = value;
          };
          set('response_type', g.responseType);
          set('client_id', clientId);
          set('redirect_uri', g.redirectUri);
          set(
            'code_challenge',
            { right: challengeOf(g.verifier), short: 'abc', missing: undefined, 'not-base64url': `${challengeOf(g.verifier).slice(1)}+` }[
              g.challenge
            ],
          );
          set('code_challenge_method', g.method);
          set('state', g.state);
          if (['scope', 'all'].includes(g.naming)) set('scope', g.scope);
          if (g.naming === 'scope-id') set('scope', mdlId);
          if (['details', 'all'].includes(g.naming)) set('authorization_details', g.details);
          if (['issuer_state', 'revoked-issuer-state', 'all'].includes(g.naming)) set('issuer_state', issuerState);
          if (g.naming === 'random-issuer-state') set('issuer_state', b64u(randomBytes(32)));
          const query = (p: Record<string, string>) =>
            Object.entries(p)
              .map(([k, v]) => `${enc(k)}=${enc(v)}`)
              .join('&');

          let authorizeQuery = query(params);
          // Each holder's phone has an address of its own (the authorization and PAR endpoints are
          // throttled and capped per address, DESIGN §8).
          const phone = `127.0.0.${100 + (run % 40)}`;
          if (g.pushed !== 'no') {
            const req: Sent = { method: 'POST', path: '/v1/oauth/par', headers: formHeaders, body: query(params), localAddress: phone };
            const res = await send(req);
            checkWallet(req, res);
            const requestUri = (res.json as { request_uri?: unknown } | undefined)?.request_uri;
            if (res.status === 201 && typeof requestUri === 'string') {
              const uri = g.pushed === 'yes-garbled' ? `${requestUri}x` : requestUri;
              authorizeQuery = query({ client_id: g.pushed === 'yes-wrong-client' ? 'someone-else' : (clientId ?? ''), request_uri: uri });
              if (g.pushed === 'yes-twice') {
                const once = { method: 'GET', path: `/v1/oauth/authorize?${authorizeQuery}`, localAddress: phone };
                checkHolderPage(once, await send(once));
              }
            } else if (res.status < 300) {
              fail('a pushed request accepted without a request_uri', req, res);
            }
          }
          const authReq: Sent = { method: 'GET', path: `/v1/oauth/authorize?${authorizeQuery}`, localAddress: phone };
          const authRes = await send(authReq);
          checkHolderPage(authReq, authRes);
          const location = String(authRes.headers.location ?? '');
          const waitPrefix = '/v1/oauth/authorize/wait/';
          if (authRes.status !== 303 || !location.startsWith(waitPrefix)) return;
          const handle = location.slice(waitPrefix.length);
          const waitPath = `${waitPrefix}${g.handleGarble ? `${handle}x` : handle}`;
          const wait1: Sent = { method: 'GET', path: waitPath };
          checkHolderPage(wait1, await send(wait1));

          // The clerk: find the request, then decide.
          const listReq: Sent = { method: 'GET', path: '/v1/openid/authorizations?status=pending&limit=1000', headers: admin };
          const list = await send(listReq);
          checkManagement(listReq, list);
          const pending = ((list.json as { data?: { id: string; clientId: string; credentials: string[] }[] }).data ?? []).find(
            (a) => a.clientId === clientId,
          );
          if (!pending) {
            // A client_id that is not valid UTF-8 once percent-decoded is kept as sent; only ours must be found.
            if (g.clientId === 'fuzz-wallet') fail('an authorization that is waiting is not listed', listReq, list);
            return;
          }
          const claims = pending!.credentials.includes(mdlId) && pending!.credentials.length === 1 ? FUZZ_CLAIMS : {};
          const decide = async (action: 'approve' | 'reject', body: unknown) => {
            const req: Sent = {
              method: 'POST',
              path: `/v1/openid/authorizations/${pending!.id}/${action}`,
              headers: admin,
              body: JSON.stringify(body),
            };
            const res = await send(req);
            checkManagement(req, res);
            return res;
          };
          if (g.decision === 'approve' || g.decision === 'approve-twice') await decide('approve', { claims });
          if (g.decision === 'approve-twice') {
            const again = await decide('approve', { claims });
            if (again.status < 300)
              fail('an authorization approved twice', { method: 'POST', path: `/v1/openid/authorizations/${pending!.id}/approve` }, again);
          }
          if (g.decision === 'approve-bad-claims') await decide('approve', { claims: { ...claims, birth_date: 'yesterday' }, extra: 1 });
          if (g.decision === 'reject') await decide('reject', {});

          const wait2: Sent = { method: 'GET', path: waitPath };
          const back = await send(wait2);
          checkHolderPage(wait2, back);
          if (back.status !== 303) return;
          const returned = new URL(String(back.headers.location));
          if (!String(back.headers.location).startsWith(g.redirectUri.split('?')[0]!))
            fail('redirected somewhere other than the redirect_uri', wait2, back);
          const code = returned.searchParams.get('code');
          if (!code) return;

          const tokenParams: Record<string, string> = { grant_type: 'authorization_code' };
          if (g.tokenCode !== 'missing') tokenParams.code = g.tokenCode === 'right' ? code : flipLast(code);
          if (g.tokenVerifier !== 'missing') tokenParams.code_verifier = g.tokenVerifier === 'right' ? g.verifier : flipLast(g.verifier);
          if (g.tokenRedirect !== 'missing')
            tokenParams.redirect_uri = g.tokenRedirect === 'same' ? g.redirectUri : 'https://other.example/cb';
          if (g.tokenClient !== 'absent') tokenParams.client_id = g.tokenClient === 'same' ? (clientId ?? '') : 'other-client';
          const tokenReq: Sent = {
            method: 'POST',
            path: '/v1/oauth/token',
            headers: formHeaders,
            body: query(tokenParams),
            localAddress: `127.0.0.${g.source}`,
          };
          const tokenRes = await send(tokenReq);
          checkWallet(tokenReq, tokenRes);
          if (tokenRes.status !== 200) return;
          if (
            g.tokenCode !== 'right' ||
            g.tokenVerifier !== 'right' ||
            g.tokenRedirect !== 'same' ||
            g.tokenClient === 'other' ||
            g.handleGarble
          )
            fail('a token for a request that should not get one', tokenReq, tokenRes);
          const { access_token: accessToken, authorization_details: details } = tokenRes.json as {
            access_token: string;
            authorization_details?: { credential_identifiers: string[] }[];
          };
          // OID4VCI 1.0 §8.2: after authorization_details in the token response, a credential identifier names the credential.
          const naming = details
            ? { credential_identifier: details[0]!.credential_identifiers[0] }
            : { credential_configuration_id: pending!.credentials[0] };
          const jwt = await buildProof({
            kind: 'jwt',
            typ: 'openid4vci-proof+jwt',
            alg: 'ES256',
            jwk: 'canonical',
            extraHeader: [],
            aud: 'issuer',
            iat: 'now',
            nonce: 'fresh',
            signature: 'valid',
          });
          const credReq: Sent = {
            method: 'POST',
            path: '/v1/openid/credential',
            headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ ...naming, proofs: { jwt: [jwt] } }),
          };
          checkWallet(credReq, await send(credReq));
        }),
        { numRuns: 200 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it('still issues normally afterwards, and the server is still up', stillIssuesNormally);
});
