// Self-test of the wallet against a tiny stand-in issuer (node:http + jose + @owf/mdoc), not our engine.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedJWK, decodeProtectedHeader, jwtVerify } from 'jose';
import { createTestPki, issueTestMdoc } from './mdoc-fixtures';
import type { TestPki } from './mdoc-fixtures';
import { verifyIssuerSigned } from './mdoc-verifier';
import { WalletError, createProofJwt, generateDeviceKey, receiveCredential, sendNotification } from './wallet';

const DOCTYPE = 'org.iso.18013.5.1.mDL';
const CONFIG_ID = 'mdl';
const TX_CODE = '493817';

let server: Server;
let base: string;
let pki: TestPki;
const nonces = new Set<string>();
const codes = new Set<string>();
const seen: { token?: Record<string, string>; credential?: Record<string, unknown>; notification?: Record<string, unknown> } = {};
let credentialError: string | undefined;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
};
const readBody = async (req: IncomingMessage) => {
  let s = '';
  for await (const chunk of req) s += String(chunk);
  return s;
};
const offerFor = (code: string) => ({
  credential_issuer: base,
  credential_configuration_ids: [CONFIG_ID],
  grants: {
    'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
      'pre-authorized_code': code,
      tx_code: { input_mode: 'numeric', length: 6 },
    },
  },
});
const newCode = () => {
  const code = crypto.randomUUID();
  codes.add(code);
  return code;
};

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', base).pathname;
  if (req.method === 'GET' && path === '/.well-known/openid-credential-issuer') {
    return json(res, 200, {
      credential_issuer: base,
      credential_endpoint: `${base}/credential`,
      nonce_endpoint: `${base}/nonce`,
      notification_endpoint: `${base}/notification`,
      credential_configurations_supported: {
        [CONFIG_ID]: {
          format: 'mso_mdoc',
          doctype: DOCTYPE,
          cryptographic_binding_methods_supported: ['cose_key'],
          credential_signing_alg_values_supported: [-7],
          proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
        },
      },
    });
  }
  if (req.method === 'GET' && path === '/.well-known/oauth-authorization-server') {
    return json(res, 200, { issuer: base, token_endpoint: `${base}/token`, 'pre-authorized_grant_anonymous_access_supported': true });
  }
  if (req.method === 'GET' && path.startsWith('/offers/')) return json(res, 200, offerFor(path.slice('/offers/'.length)));
  if (req.method === 'POST' && path === '/token') {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    seen.token = form;
    const code = form['pre-authorized_code'] ?? '';
    if (!codes.has(code) || form.tx_code !== TX_CODE)
      return json(res, 400, { error: 'invalid_grant', error_description: 'bad code or tx_code' });
    codes.delete(code);
    return json(res, 200, { access_token: `at-${code}`, token_type: 'Bearer', expires_in: 300 });
  }
  if (req.method === 'POST' && path === '/nonce') {
    const c_nonce = crypto.randomUUID();
    nonces.add(c_nonce);
    return json(res, 200, { c_nonce });
  }
  if (req.method === 'POST' && path === '/credential') {
    if (!req.headers.authorization?.startsWith('Bearer at-')) return json(res, 401, { error: 'invalid_token' });
    const body = JSON.parse(await readBody(req)) as { credential_configuration_id?: string; proofs?: { jwt?: string[] } };
    seen.credential = body;
    if (credentialError) return json(res, 400, { error: credentialError, error_description: 'forced by the test' });
    const jwt = body.proofs?.jwt?.[0] ?? '';
    const { payload } = await jwtVerify(jwt, EmbeddedJWK, { typ: 'openid4vci-proof+jwt', audience: base, algorithms: ['ES256'] });
    if (typeof payload.nonce !== 'string' || !nonces.delete(payload.nonce)) return json(res, 400, { error: 'invalid_nonce' });
    const { jwk } = decodeProtectedHeader(jwt);
    const doc = await issueTestMdoc({
      pki,
      docType: DOCTYPE,
      deviceJwk: jwk!,
      namespaces: { 'org.iso.18013.5.1': { given_name: 'Jane' } },
    });
    return json(res, 200, { credentials: [{ credential: doc.encodedForOid4Vci }], notification_id: 'n-1' });
  }
  if (req.method === 'POST' && path === '/notification') {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    seen.notification = body;
    if (body.notification_id !== 'n-1') return json(res, 400, { error: 'invalid_notification_id' });
    res.writeHead(204).end();
    return;
  }
  json(res, 404, { error: 'not_found' });
}

beforeAll(async () => {
  pki = await createTestPki();
  server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => json(res, 500, { error: 'server_error', error_description: e.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  credentialError = undefined;
});

const byValue = (code: string) => `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offerFor(code)))}`;
const byReference = (code: string) => `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${base}/offers/${code}`)}`;

describe('wallet against a stand-in issuer', () => {
  it('runs the pre-authorized flow (offer by value) and the mDoc verifies with the device key', async () => {
    const r = await receiveCredential(byValue(newCode()), { txCode: TX_CODE });
    expect(seen.token).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', tx_code: TX_CODE });
    expect(seen.credential).toMatchObject({ credential_configuration_id: CONFIG_ID, proofs: { jwt: [expect.any(String)] } });
    expect(r.credentialConfigurationId).toBe(CONFIG_ID);
    expect(r.notificationId).toBe('n-1');
    const v = await verifyIssuerSigned(r.issuerSigned, { trustedIacaPems: [pki.iacaPem], docType: DOCTYPE });
    expect(v.deviceKeyJwk).toEqual(r.deviceKey.publicJwk);
    await sendNotification(r, 'credential_accepted');
    expect(seen.notification).toEqual({ notification_id: 'n-1', event: 'credential_accepted' });
  });

  it('resolves an offer by reference and uses a given device key', async () => {
    const deviceKey = await generateDeviceKey();
    const r = await receiveCredential(byReference(newCode()), { txCode: TX_CODE, deviceKey });
    expect(r.deviceKey).toBe(deviceKey);
  });

  it('surfaces the token error body (invalid_grant)', async () => {
    const err = await receiveCredential(byValue(newCode()), { txCode: '000000' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WalletError);
    expect(err).toMatchObject({ step: 'token', status: 400, error: 'invalid_grant' });
    expect((err as Error).message).toMatch(/invalid_grant/);
  });

  it('surfaces the credential error body', async () => {
    credentialError = 'invalid_proof';
    await expect(receiveCredential(byValue(newCode()), { txCode: TX_CODE })).rejects.toMatchObject({
      step: 'credential',
      status: 400,
      error: 'invalid_proof',
      message: expect.stringMatching(/invalid_proof/),
    });
  });

  it('surfaces the notification error body', async () => {
    const r = await receiveCredential(byValue(newCode()), { txCode: TX_CODE });
    await expect(sendNotification({ ...r, notificationId: 'other' }, 'credential_deleted')).rejects.toMatchObject({
      step: 'notification',
      status: 400,
      error: 'invalid_notification_id',
    });
  });

  it('createProofJwt makes a verifiable proof with the chosen fields', async () => {
    const deviceKey = await generateDeviceKey();
    const iat = new Date(Date.now() - 60_000);
    const jwt = await createProofJwt({ deviceKey, audience: base, nonce: 'n', issuedAt: iat });
    const { payload, protectedHeader } = await jwtVerify(jwt, EmbeddedJWK, { typ: 'openid4vci-proof+jwt', audience: base });
    expect(payload).toEqual({ aud: base, nonce: 'n', iat: Math.floor(iat.getTime() / 1000) });
    expect(protectedHeader.jwk).toEqual(deviceKey.publicJwk);
    expect(decodeProtectedHeader(await createProofJwt({ deviceKey, audience: base, typ: 'JWT', alg: 'ES384' }))).toMatchObject({
      typ: 'JWT',
      alg: 'ES384',
    });
    expect((await createProofJwt({ deviceKey, audience: base, alg: 'none' })).endsWith('.')).toBe(true);
  });
});
