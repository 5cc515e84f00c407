// Fuzzing whole configuration and offer lifecycles: odd claim mappings and defaults, configurations
// replaced or deleted under open offers, then redemption, issuance and notification. Harness and
// invariants: support/fuzz-server.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offerFromUri } from '../support/fixtures';
import { PRE_AUTH_GRANT, TEST_TIMEOUT_MS } from './support/constants';
import { startFuzzServer, stillIssuesNormally, stopFuzzServer } from './support/fuzz-server';
import { claimTypes } from './support/management-bodies';
import { anyJson } from './support/nasty-values';
import { buildProof } from './support/proof-jwts';
import { send, type Received, type Sent } from './support/raw-http';
import { checkManagement, checkWallet, isObject } from './support/response-checks';
import { underTest } from './support/server-under-test';
import { form } from './support/valid-requests';

beforeAll(startFuzzServer, 60_000);
afterAll(stopFuzzServer);

describe('fuzzing every endpoint: configuration and offer lifecycles', () => {
  it(
    'configuration and offer lifecycles: odd claim mappings, defaults, replaced or deleted configurations, then issuance',
    async () => {
      const { server } = underTest();
      const nameArb = fc.constantFrom('a', 'b', 'given', 'when', '__proto__', 'constructor', 'toString', 'x-y', '0');
      const valueFor: Record<(typeof claimTypes)[number], unknown> = {
        string: 'value',
        number: 42.5,
        boolean: true,
        date: '2020-02-29',
        dateTime: '2026-01-31T09:00:00+14:00',
        bytes: 'AAECAw==',
        array: [1, 'two', null, { three: 3 }],
        object: { nested: { deep: [true] } },
      };
      const fieldArb = fc.record({
        namespace: fc.constantFrom('org.fuzz.ns', 'org.fuzz.other'),
        element: fc.constantFrom('e1', 'e2', 'e3', 'e4', '__proto__', 'constructor'),
        path: fc.array(nameArb, { minLength: 1, maxLength: 2 }),
        type: fc.constantFrom(...claimTypes),
        required: fc.boolean(),
        defaultValue: fc.oneof(
          { arbitrary: fc.constant<unknown>(undefined), weight: 4 },
          { arbitrary: fc.constant<unknown>('valid'), weight: 2 },
          { arbitrary: anyJson, weight: 1 },
        ),
        claim: fc.oneof(
          { arbitrary: fc.constant<unknown>('valid'), weight: 4 },
          { arbitrary: fc.constant<unknown>(undefined), weight: 1 },
          { arbitrary: anyJson, weight: 1 },
        ),
      });
      type Field = typeof fieldArb extends fc.Arbitrary<infer T> ? T : never;
      const configOf = (fields: Field[]) => {
        const claimMappings: Record<string, Record<string, unknown>> = {};
        for (const f of fields) {
          const mapping = {
            mapFrom: `claims.${f.path.join('.')}`,
            required: f.required,
            type: f.type,
            ...(f.defaultValue === undefined ? {} : { defaultValue: f.defaultValue === 'valid' ? valueFor[f.type] : f.defaultValue }),
          };
          const ns = (claimMappings[f.namespace] ??= {});
          Object.defineProperty(ns, f.element, { value: mapping, enumerable: true, writable: true, configurable: true });
        }
        return { type: 'org.fuzz.lifecycle.1', claimMappings, expiresIn: { days: 30 } };
      };
      const claimsOf = (fields: Field[]) => {
        const claims: Record<string, unknown> = {};
        for (const f of fields) {
          if (f.claim === undefined) continue;
          let node: Record<string, unknown> = claims;
          f.path.forEach((key, i) => {
            if (i === f.path.length - 1) {
              Object.defineProperty(node, key, {
                value: f.claim === 'valid' ? valueFor[f.type] : f.claim,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            } else {
              const next =
                Object.prototype.hasOwnProperty.call(node, key) && isObject(node[key]) ? (node[key] as Record<string, unknown>) : {};
              Object.defineProperty(node, key, { value: next, enumerable: true, writable: true, configurable: true });
              node = next;
            }
          });
        }
        return claims;
      };
      const arb = fc.record({
        fields: fc.array(fieldArb, { minLength: 1, maxLength: 4 }),
        replacement: fc.option(fc.array(fieldArb, { minLength: 1, maxLength: 4 }), { freq: 3 }),
        deleteConfiguration: fc.boolean(),
        offerBy: fc.constantFrom('value', 'reference'),
        tx: fc.constantFrom('numeric', 'text', 'none'),
        draftRequest: fc.boolean(),
        event: fc.constantFrom('credential_accepted', 'credential_failure', 'credential_deleted'),
        cancelAtEnd: fc.boolean(),
      });
      const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
      const step = async (req: Sent, check: (req: Sent, res: Received) => void) => {
        const res = await send(req);
        check(req, res);
        return res;
      };

      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const created = await step(
            { method: 'POST', path: '/v2/credentials/mobile/configurations', headers: admin, body: JSON.stringify(configOf(g.fields)) },
            checkManagement,
          );
          if (created.status !== 201) return;
          const configId = (created.json as { id: string }).id;
          const offer = await step(
            {
              method: 'POST',
              path: '/v1/openid/offers/pre-authorized',
              headers: admin,
              body: JSON.stringify({
                credentials: [configId],
                claims: claimsOf(g.fields),
                offerBy: g.offerBy,
                ...(g.tx === 'none' ? {} : { transactionCodeConfiguration: { inputMode: g.tx } }),
              }),
            },
            checkManagement,
          );
          if (offer.status === 201) {
            const { id, uri, transactionCode } = offer.json as { id: string; uri: string; transactionCode?: number | string };
            if (g.replacement) {
              await step(
                {
                  method: 'PUT',
                  path: `/v2/credentials/mobile/configurations/${configId}`,
                  headers: admin,
                  body: JSON.stringify(configOf(g.replacement)),
                },
                checkManagement,
              );
            }
            const reference = new URL(uri).searchParams.get('credential_offer_uri');
            let code: string | undefined;
            if (reference) {
              const byRef = await step({ method: 'GET', path: new URL(reference).pathname }, checkWallet);
              code = (byRef.json as { grants?: Record<string, { 'pre-authorized_code': string }> }).grants?.[PRE_AUTH_GRANT]?.[
                'pre-authorized_code'
              ];
            } else {
              code = offerFromUri(uri).grants[PRE_AUTH_GRANT]?.['pre-authorized_code'];
            }
            const tokenRes = await step(
              {
                method: 'POST',
                path: '/v1/oauth/token',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: form({
                  grant_type: PRE_AUTH_GRANT,
                  'pre-authorized_code': code ?? 'missing',
                  ...(transactionCode !== undefined ? { tx_code: String(transactionCode) } : {}),
                }),
              },
              checkWallet,
            );
            if (g.deleteConfiguration)
              await step({ method: 'DELETE', path: `/v2/credentials/mobile/configurations/${configId}`, headers: admin }, checkManagement);
            if (tokenRes.status === 200) {
              const accessToken = (tokenRes.json as { access_token: string }).access_token;
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
              const request = g.draftRequest
                ? { format: 'mso_mdoc', doctype: 'org.fuzz.lifecycle.1', proof: { proof_type: 'jwt', jwt } }
                : { credential_configuration_id: configId, proofs: { jwt: [jwt] } };
              const credential = await step(
                {
                  method: 'POST',
                  path: '/v1/openid/credential',
                  headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
                  body: JSON.stringify(request),
                },
                checkWallet,
              );
              if (credential.status === 200) {
                const notificationId = (credential.json as { notification_id: string }).notification_id;
                await step(
                  {
                    method: 'POST',
                    path: '/v1/openid/notification',
                    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
                    body: JSON.stringify({ notification_id: notificationId, event: g.event }),
                  },
                  checkWallet,
                );
              }
            }
            await step({ method: 'GET', path: `/v1/openid/offers/pre-authorized/${id}`, headers: admin }, checkManagement);
            if (g.cancelAtEnd)
              await step({ method: 'DELETE', path: `/v1/openid/offers/pre-authorized/${id}`, headers: admin }, checkManagement);
          }
          await step({ method: 'GET', path: `/v2/credentials/mobile/configurations/${configId}`, headers: admin }, checkManagement);
        }),
        { numRuns: 150 },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it('still issues normally afterwards, and the server is still up', stillIssuesNormally);
});
