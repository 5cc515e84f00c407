// Fuzzing the pre-authorized wallet chain (DESIGN §4), in one file because each property draws on what
// the one before left: the token endpoint (its tokens join the pool), the credential endpoint (spends
// them, and the ones it mints, on garbled proofs) and the notification endpoint (its notification ids).
// The token fuzzer guesses from source addresses of its own (127.0.0.2–41), and the credential and
// notification fuzzers send from 127.0.0.42–141, so the throttle of wrong secrets never blocks the
// real flows. Harness and invariants: support/fuzz-server.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { receiveCredential } from '../../support/wallet';
import { MDL_DOCTYPE, PID_DOCTYPE, PRE_AUTH_GRANT, TEST_TIMEOUT_MS } from './support/constants';
import { startFuzzServer, stillIssuesNormally, stopFuzzServer } from './support/fuzz-server';
import { anyJson, enc, nastyShort, nastyString, pollution, withKeys } from './support/nasty-values';
import { buildProof, markLastNonceSpent, proofCouldBeValid, proofSpecArb } from './support/proof-jwts';
import { send, type Sent } from './support/raw-http';
import { renderBody, type BodyKind } from './support/request-bodies';
import { checkWallet, fail } from './support/response-checks';
import { offers, redeemedCodes, seed, tokens, type PoolToken } from './support/seed';
import { underTest } from './support/server-under-test';
import { headerSafe, queryArb } from './support/urls-and-headers';
import { newOffer, redeem } from './support/valid-requests';

beforeAll(startFuzzServer, 60_000);
afterAll(stopFuzzServer);

let sent = 0;

describe('fuzzing every endpoint: token, credential and notification', () => {
  it(
    'token endpoint: arbitrary forms, repeated keys, real and garbled codes and transaction codes',
    async () => {
      const realOffer = fc.constantFrom(...offers);
      const garble = (s: string) =>
        fc.constantFrom(
          `${s} `,
          ` ${s}`,
          s.slice(1),
          `${s}=`,
          s.toUpperCase(),
          encodeURIComponent(s),
          `${s}\u0000`,
          s.replace(/./, 'A'),
          `${s}${s}`,
        );
      const codeArb = realOffer.chain((o) =>
        fc.oneof(
          { arbitrary: fc.constant(o.code), weight: 3 },
          { arbitrary: garble(o.code), weight: 2 },
          { arbitrary: nastyShort, weight: 1 },
        ),
      );
      const key = fc.oneof(
        {
          arbitrary: fc.constantFrom(
            'grant_type',
            'pre-authorized_code',
            'tx_code',
            'user_pin',
            'client_id',
            'scope',
            'authorization_details',
            'code',
            'redirect_uri',
          ),
          weight: 6,
        },
        { arbitrary: fc.constantFrom('__proto__', 'constructor', 'GRANT_TYPE', 'grant_type ', ''), weight: 1 },
        { arbitrary: nastyShort, weight: 1 },
      );
      const value = fc.oneof(
        fc.constantFrom(PRE_AUTH_GRANT, 'authorization_code', 'refresh_token', `${PRE_AUTH_GRANT} `, PRE_AUTH_GRANT.toUpperCase()),
        codeArb,
        fc.constantFrom('123456', '000000', 'ABCDEF', '', '1e5', '１２３４５６'),
        nastyShort,
      );
      // Near-valid: a real code with its right or a wrong tx_code, maybe with extra or repeated parameters.
      const nearValid = fc
        .tuple(
          realOffer,
          fc.constantFrom('right', 'wrong', 'missing', 'user_pin', 'garbled'),
          fc.array(fc.tuple(key, value), { maxLength: 2 }),
          fc.boolean(),
        )
        .chain(([o, tx, extra, garbleCode]) =>
          (garbleCode ? garble(o.code) : fc.constant(o.code)).map((code) => {
            const entries: [string, string][] = [
              ['grant_type', PRE_AUTH_GRANT],
              ['pre-authorized_code', code],
            ];
            if (tx === 'right' && o.txCode) entries.push(['tx_code', o.txCode]);
            if (tx === 'user_pin' && o.txCode) entries.push(['user_pin', o.txCode]);
            if (tx === 'wrong') entries.push(['tx_code', o.txCode === '100000' ? '100001' : '100000']);
            if (tx === 'garbled' && o.txCode) entries.push(['tx_code', ` ${o.txCode}`]);
            return [...entries, ...extra];
          }),
        );
      const arb = fc.record({
        entries: fc.oneof({ arbitrary: nearValid, weight: 3 }, { arbitrary: fc.array(fc.tuple(key, value), { maxLength: 6 }), weight: 2 }),
        encoding: fc.oneof(
          { arbitrary: fc.constant('form' as const), weight: 8 },
          { arbitrary: fc.constantFrom('raw' as const, 'json' as const, 'huge' as const), weight: 1 },
        ),
        contentType: fc.oneof(
          { arbitrary: fc.constant<string | undefined>('application/x-www-form-urlencoded'), weight: 8 },
          {
            arbitrary: fc.constantFrom(
              undefined,
              'application/x-www-form-urlencoded; charset=utf-8',
              'APPLICATION/X-WWW-FORM-URLENCODED',
              'application/json',
              'text/plain',
              'multipart/form-data; boundary=x',
            ),
            weight: 2,
          },
        ),
        method: fc.oneof(
          { arbitrary: fc.constant('POST'), weight: 12 },
          { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 1 },
        ),
        query: fc.oneof(
          { arbitrary: fc.constant(''), weight: 6 },
          { arbitrary: queryArb(['grant_type', 'pre-authorized_code', 'tx_code']), weight: 1 },
        ),
        auth: fc.option(fc.constantFrom('Basic Zm9vOmJhcg==', 'Bearer x', 'DPoP abc'), { freq: 4 }),
        chunked: fc.boolean(),
        source: fc.integer({ min: 2, max: 41 }),
      });

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          let body: string;
          if (g.encoding === 'form') body = g.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
          else if (g.encoding === 'raw') body = g.entries.map(([k, v]) => `${k}=${v}`).join('&');
          else if (g.encoding === 'json') body = JSON.stringify(Object.fromEntries(g.entries));
          else body = `grant_type=${'a'.repeat(600 * 1024)}`;
          const headers: Record<string, string> = {};
          if (g.contentType !== undefined) headers['content-type'] = g.contentType;
          if (g.auth) headers.authorization = g.auth;
          const req: Sent = {
            method: g.method,
            path: `/v1/oauth/token${g.query}`,
            headers,
            body: g.method === 'GET' || g.method === 'HEAD' ? undefined : body,
            chunked: g.chunked,
            localAddress: `127.0.0.${g.source}`,
          };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status < 300) {
            // Plausible only for one well-formed pre-authorized grant with a real code and its tx_code.
            const params = g.encoding === 'form' || g.encoding === 'raw' ? new URLSearchParams(body) : undefined;
            const names = params ? [...params.keys()] : [];
            const code = params?.get('pre-authorized_code');
            const offer = offers.find((o) => o.code === code);
            const tx = params?.get('tx_code') ?? params?.get('user_pin') ?? undefined;
            const plausible =
              g.method === 'POST' &&
              /^application\/x-www-form-urlencoded\b/i.test(g.contentType ?? '') &&
              params !== undefined &&
              new Set(names).size === names.length &&
              params.get('grant_type') === PRE_AUTH_GRANT &&
              offer !== undefined &&
              (offer.txCode === undefined ? !tx : tx === offer.txCode);
            if (!plausible) fail('a token for a request that should not get one', req, res);
            const json = res.json as Record<string, unknown>;
            if (
              res.status !== 200 ||
              typeof json.access_token !== 'string' ||
              json.token_type !== 'Bearer' ||
              typeof json.expires_in !== 'number'
            )
              fail('token response shape', req, res);
            if (redeemedCodes.has(code!)) fail('a second token for one pre-authorized code', req, res);
            if (res.headers['cache-control'] !== 'no-store') fail('a token response must not be cached', req, res);
            redeemedCodes.add(code!);
            tokens.push({ token: json.access_token as string });
          }
        }),
        { numRuns: 1_000 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'credential endpoint: arbitrary bodies and near-valid requests with real tokens and garbled proofs',
    async () => {
      const { server } = underTest();
      const { mdlId, pidId, issuerToken, iacaPem, deviceKey } = seed();
      // Access tokens to spend: each one gets at most one credential.
      for (let i = 0; i < 40; i++) {
        const { offer } = await newOffer(i % 3 === 0 ? { transactionCodeConfiguration: undefined } : {});
        tokens.push({ token: await redeem(offer) });
      }
      const issued = new Set<string>();
      const tokenArb = fc.constantFrom(...tokens.map((t) => t.token));
      const auth = fc.oneof(
        { arbitrary: tokenArb.map((t) => ({ header: `Bearer ${t}`, token: t as string | undefined })), weight: 10 },
        // RFC 7235: the scheme is case-insensitive, so this one may work too.
        { arbitrary: tokenArb.map((t) => ({ header: `bearer ${t}`, token: t as string | undefined })), weight: 1 },
        {
          arbitrary: fc
            .oneof(
              tokenArb.map((t) => `DPoP ${t}`),
              tokenArb.map((t) => `Bearer ${t.slice(1)}`),
              fc.constantFrom('Bearer', 'Bearer ', `Bearer ${server.adminToken}`, `Bearer ${issuerToken}`, 'Basic eDp5'),
              nastyShort.map(headerSafe),
            )
            .map((header) => ({ header: header as string | undefined, token: undefined as string | undefined })),
          weight: 2,
        },
        { arbitrary: fc.constant({ header: undefined as string | undefined, token: undefined as string | undefined }), weight: 1 },
      );
      const target: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
        { arbitrary: fc.constant<Record<string, unknown>>({ credential_configuration_id: mdlId }), weight: 6 },
        { arbitrary: fc.constant<Record<string, unknown>>({ format: 'mso_mdoc', doctype: MDL_DOCTYPE }), weight: 2 },
        {
          arbitrary: fc.oneof(
            fc.record({
              credential_configuration_id: fc.oneof(
                fc.constantFrom(pidId, mdlId.toUpperCase(), '', 'org.iso.18013.5.1.mDL'),
                nastyString,
                anyJson,
              ),
            }),
            fc.record(
              {
                format: fc.oneof(fc.constantFrom('mso_mdoc', 'jwt_vc_json', 'dc+sd-jwt', ''), anyJson),
                doctype: fc.oneof(fc.constantFrom(MDL_DOCTYPE, PID_DOCTYPE, ''), nastyString, anyJson),
              },
              { requiredKeys: [] },
            ),
            fc.record({ credential_identifier: fc.oneof(nastyString, anyJson) }),
            fc.record({
              credential_configuration_id: fc.constant(mdlId),
              format: fc.constant('mso_mdoc'),
              doctype: fc.constant(PID_DOCTYPE),
            }),
          ),
          weight: 2,
        },
      );
      type ProofShape = 'proofs' | 'proof' | 'both' | 'two-proofs' | 'proofs-not-array' | 'other-type' | 'none' | 'proof-type-other';
      const arb = fc.record({
        auth,
        target,
        proofShape: fc.oneof(
          { arbitrary: fc.constantFrom<ProofShape>('proofs', 'proof'), weight: 8 },
          {
            arbitrary: fc.constantFrom<ProofShape>('both', 'two-proofs', 'proofs-not-array', 'other-type', 'none', 'proof-type-other'),
            weight: 2,
          },
        ),
        proof: proofSpecArb,
        extra: fc.oneof(
          { arbitrary: fc.constant<[string, unknown][]>([]), weight: 6 },
          {
            arbitrary: fc.array(
              fc.tuple(
                fc.oneof(fc.constantFrom('credential_response_encryption', '__proto__', 'constructor', 'proofs'), nastyString),
                anyJson,
              ),
              { maxLength: 2 },
            ),
            weight: 1,
          },
        ),
        raw: fc.oneof({ arbitrary: fc.constant<unknown>(undefined), weight: 8 }, { arbitrary: anyJson, weight: 1 }),
        contentType: fc.oneof(
          { arbitrary: fc.constant<string | undefined>('application/json'), weight: 10 },
          { arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/jwt', 'application/json; charset=utf-8'), weight: 1 },
        ),
        bodyKind: fc.oneof(
          { arbitrary: fc.constant<BodyKind>('json'), weight: 20 },
          { arbitrary: fc.constantFrom<BodyKind>('malformed', 'none', 'binary', 'bom', 'huge'), weight: 1 },
        ),
        method: fc.oneof(
          { arbitrary: fc.constant('POST'), weight: 20 },
          { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'), weight: 1 },
        ),
        cut: fc.nat(),
      });

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          let body: unknown = g.raw;
          const proof = body === undefined && g.proofShape !== 'none' && g.proofShape !== 'other-type' ? await buildProof(g.proof) : 'x';
          if (body === undefined) {
            const shape: Record<ProofShape, Record<string, unknown>> = {
              proofs: { proofs: { jwt: [proof] } },
              proof: { proof: { proof_type: 'jwt', jwt: proof } },
              both: { proofs: { jwt: [proof] }, proof: { proof_type: 'jwt', jwt: proof } },
              'two-proofs': { proofs: { jwt: [proof, proof] } },
              'proofs-not-array': { proofs: { jwt: proof } },
              'other-type': { proofs: { ldp_vp: [{}] } },
              'proof-type-other': { proof: { proof_type: 'cwt', cwt: proof } },
              none: {},
            };
            body = withKeys({ ...g.target, ...shape[g.proofShape] }, g.extra);
          }
          const rendered = renderBody({ kind: g.bodyKind, value: body, cut: g.cut, bytes: new Uint8Array([1, 2]), chunked: false });
          const headers: Record<string, string> = {};
          if (g.auth.header !== undefined) headers.authorization = g.auth.header;
          if (g.contentType !== undefined) headers['content-type'] = g.contentType;
          // Access tokens that are not one are throttled per client address (DESIGN §8): each request
          // comes from one of many addresses, so the real ones are never held back.
          const req: Sent = {
            method: g.method,
            path: '/v1/openid/credential',
            headers,
            body: g.method === 'GET' ? undefined : rendered,
            localAddress: `127.0.0.${42 + (sent++ % 100)}`,
          };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status < 300) {
            const plausible =
              g.method === 'POST' &&
              g.auth.token !== undefined &&
              g.raw === undefined &&
              (g.target.credential_configuration_id === mdlId ||
                (g.target.credential_configuration_id === undefined &&
                  g.target.format === 'mso_mdoc' &&
                  g.target.doctype === MDL_DOCTYPE)) &&
              !g.extra.some(([key]) =>
                ['proof', 'proofs', 'credential_response_encryption', 'credential_configuration_id', 'format', 'doctype'].includes(key),
              ) &&
              ['proofs', 'proof'].includes(g.proofShape) &&
              proofCouldBeValid(g.proof) &&
              (g.bodyKind === 'json' || g.bodyKind === 'bom');
            if (!plausible) fail('a credential for a request that should not get one', req, res);
            if (issued.has(g.auth.token!)) fail('a second credential for one access token and configuration', req, res);
            issued.add(g.auth.token!);
            const json = res.json as { credentials?: { credential?: unknown }[]; notification_id?: unknown };
            const credential = json.credentials?.[0]?.credential;
            if (res.status !== 200 || typeof credential !== 'string' || typeof json.notification_id !== 'string')
              fail('credential response shape', req, res);
            // The mDoc verifies and is bound to the key that signed the proof.
            const verified = await verifyIssuerSigned(new Uint8Array(Buffer.from(credential as string, 'base64url')), {
              trustedIacaPems: [iacaPem],
              docType: MDL_DOCTYPE,
            });
            if (verified.deviceKeyJwk.x !== deviceKey.publicJwk.x || verified.deviceKeyJwk.y !== deviceKey.publicJwk.y)
              fail('the mDoc is bound to another key than the proof’s', req, res);
            tokens.find((t) => t.token === g.auth.token)!.notificationId = json.notification_id as string;
            markLastNonceSpent();
          }
        }),
        { numRuns: 600 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'notification endpoint: arbitrary bodies, real and foreign notification ids',
    async () => {
      const { server } = underTest();
      // Make sure some tokens have a credential (and so a notification id).
      for (let i = 0; i < 6; i++) {
        const { uri, offer } = await newOffer();
        const result = await receiveCredential(uri, { txCode: offer.txCode });
        redeemedCodes.add(offer.code);
        tokens.push({ token: result.accessToken, notificationId: result.notificationId });
      }
      const withIds = tokens.filter((t) => t.notificationId);
      const tokenArb = fc.constantFrom(...withIds, ...tokens.slice(0, 5));
      const arb = fc.record({
        token: fc.oneof(
          { arbitrary: tokenArb.map((t) => t as PoolToken | undefined), weight: 6 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        ),
        authGarble: fc.oneof(
          { arbitrary: fc.constant<string | undefined>(undefined), weight: 6 },
          { arbitrary: fc.constantFrom('Bearer', 'Bearer x', `Bearer ${server.adminToken}`), weight: 1 },
          { arbitrary: nastyShort.map(headerSafe), weight: 1 },
        ),
        notificationId: fc.oneof(
          { arbitrary: fc.constant('own' as const), weight: 4 },
          { arbitrary: fc.constant('foreign' as const), weight: 1 },
          { arbitrary: fc.oneof(fc.uuid(), nastyString, anyJson), weight: 2 },
        ),
        event: fc.oneof(
          { arbitrary: fc.constantFrom('credential_accepted', 'credential_failure', 'credential_deleted'), weight: 6 },
          { arbitrary: fc.oneof(fc.constantFrom('CREDENTIAL_ACCEPTED', 'credential_accepted '), nastyString, anyJson), weight: 2 },
        ),
        description: fc.option(fc.oneof(nastyString, anyJson), { freq: 3 }),
        pollution,
        raw: fc.oneof({ arbitrary: fc.constant<unknown>(undefined), weight: 6 }, { arbitrary: anyJson, weight: 1 }),
        contentType: fc.oneof(
          { arbitrary: fc.constant<string | undefined>('application/json'), weight: 10 },
          { arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded'), weight: 1 },
        ),
        bodyKind: fc.oneof(
          { arbitrary: fc.constant<BodyKind>('json'), weight: 20 },
          { arbitrary: fc.constantFrom<BodyKind>('malformed', 'none', 'binary', 'huge'), weight: 1 },
        ),
        method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 20 }, { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE'), weight: 1 }),
        cut: fc.nat(),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const foreign = withIds.find((t) => t.token !== g.token?.token)?.notificationId ?? 'none';
          const nid =
            g.notificationId === 'own' ? (g.token?.notificationId ?? 'none') : g.notificationId === 'foreign' ? foreign : g.notificationId;
          const value =
            g.raw !== undefined
              ? g.raw
              : withKeys(
                  { notification_id: nid, event: g.event, ...(g.description !== null ? { event_description: g.description } : {}) },
                  g.pollution,
                );
          const headers: Record<string, string> = {};
          const authorization = g.authGarble ?? (g.token ? `Bearer ${g.token.token}` : undefined);
          if (authorization !== undefined) headers.authorization = authorization;
          if (g.contentType !== undefined) headers['content-type'] = g.contentType;
          const req: Sent = {
            localAddress: `127.0.0.${42 + (sent++ % 100)}`,
            method: g.method,
            path: '/v1/openid/notification',
            headers,
            body:
              g.method === 'GET'
                ? undefined
                : renderBody({ kind: g.bodyKind, value, cut: g.cut, bytes: new Uint8Array([0xff]), chunked: false }),
          };
          const res = await send(req);
          checkWallet(req, res);
          if (res.status < 300) {
            const plausible =
              g.method === 'POST' &&
              g.authGarble === undefined &&
              g.token?.notificationId !== undefined &&
              nid === g.token.notificationId &&
              g.raw === undefined &&
              ['credential_accepted', 'credential_failure', 'credential_deleted'].includes(g.event as string) &&
              g.bodyKind === 'json';
            if (!plausible || res.status !== 204) fail('implausible notification success', req, res);
          }
        }),
        { numRuns: 500 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it('still issues normally afterwards, and the server is still up', stillIssuesNormally);
});
