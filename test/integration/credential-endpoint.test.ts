// Credential endpoint rules (DESIGN §4): proofs, nonces, access tokens, configurations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProofJwt, generateDeviceKey, getAccessToken, type DeviceKey } from '../support/wallet';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer } from './support/fixtures';

let server: CounterServer;
let mdlId: string;
let deviceKey: DeviceKey;
beforeAll(async () => {
  server = await startCounter();
  mdlId = await configurationId(server, 'org.iso.18013.5.1.mDL');
  deviceKey = await generateDeviceKey();
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

async function session() {
  const offer = await createMdlOffer(server);
  return { created: offer, ...(await getAccessToken(offer.uri, { txCode: String(offer.transactionCode) })) };
}
const nonce = async () =>
  ((await (await fetch(`${server.url}/v1/openid/nonce`, { method: 'POST' })).json()) as { c_nonce: string }).c_nonce;
const proof = async (overrides: Partial<Parameters<typeof createProofJwt>[0]> = {}) =>
  createProofJwt({ deviceKey, audience: server.url, nonce: await nonce(), ...overrides });
const credentialRequest = (accessToken: string | undefined, body: unknown) =>
  fetch(`${server.url}/v1/openid/credential`, {
    method: 'POST',
    headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** A proof with a hand-chosen header, signed ES256 by the device key (WebCrypto's r||s is JWS's format). */
async function signedProof(header: object, payload: object): Promise<string> {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, deviceKey.privateKey, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}
const errorOf = async (response: Response) => ({
  status: response.status,
  ...((await response.json()) as { error: string; error_description: string }),
});

describe('credential endpoint', () => {
  it('serves nonces that are single use and not cached', async () => {
    const response = await fetch(`${server.url}/v1/openid/nonce`, { method: 'POST' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { accessToken } = await session();
    const jwt = await proof();
    const first = await credentialRequest(accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [jwt] } });
    expect(first.status).toBe(200);

    const other = await session();
    const reused = await credentialRequest(other.accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [jwt] } });
    expect(await errorOf(reused)).toMatchObject({ status: 400, error: 'invalid_nonce' });
    // The failed request did not consume the token's credential: a good proof still works.
    const retry = await credentialRequest(other.accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [await proof()] } });
    expect(retry.status).toBe(200);
  });

  it('answers draft-style requests (format + doctype, singular proof) in both shapes', async () => {
    const { accessToken } = await session();
    const response = await credentialRequest(accessToken, {
      format: 'mso_mdoc',
      doctype: 'org.iso.18013.5.1.mDL',
      proof: { proof_type: 'jwt', jwt: await proof() },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      credential: string;
      format: string;
      credentials: { credential: string }[];
      notification_id: string;
    };
    expect(body.format).toBe('mso_mdoc');
    expect(body.credentials[0]!.credential).toBe(body.credential);
    const iacas = (await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
    const verified = await verifyIssuerSigned(Buffer.from(body.credential, 'base64url'), {
      trustedIacaPems: iacas.iacas.map((i) => i.certificatePem),
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(verified.deviceKeyJwk).toMatchObject({ x: deviceKey.publicJwk.x, y: deviceKey.publicJwk.y });
  });

  it('refuses a second credential for the same configuration', async () => {
    const { accessToken } = await session();
    expect((await credentialRequest(accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [await proof()] } })).status).toBe(
      200,
    );
    const again = await credentialRequest(accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [await proof()] } });
    // The offer is claimed, so its token no longer opens the credential endpoint.
    expect(await errorOf(again)).toMatchObject({ status: 401, error: 'invalid_token' });
  });

  it.each([
    ['wrong audience', { audience: 'https://evil.example' }, /aud/],
    ['stale proof', { issuedAt: new Date(Date.now() - 15 * 60_000) }, /stale/],
    ['proof from the future', { issuedAt: new Date(Date.now() + 15 * 60_000) }, /future|iat/],
    ['wrong typ', { typ: 'JWT' }, /typ/],
    ['unsigned proof', { alg: 'none' }, /ES256/],
  ])('rejects a %s', async (_name, overrides, message) => {
    const { accessToken } = await session();
    const response = await credentialRequest(accessToken, {
      credential_configuration_id: mdlId,
      proofs: { jwt: [await proof(overrides)] },
    });
    expect(await errorOf(response)).toMatchObject({
      status: 400,
      error: 'invalid_proof',
      error_description: expect.stringMatching(message),
    });
  });

  it('accepts a did:jwk kid in place of a jwk header, and binds the mDoc to that key', async () => {
    const { accessToken } = await session();
    const kid = `did:jwk:${Buffer.from(JSON.stringify(deviceKey.publicJwk)).toString('base64url')}#0`;
    const jwt = await signedProof(
      { alg: 'ES256', typ: 'openid4vci-proof+jwt', kid },
      { aud: server.url, iat: Math.floor(Date.now() / 1000), nonce: await nonce() },
    );
    const response = await credentialRequest(accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [jwt] } });
    expect(response.status).toBe(200);
    const { credentials } = (await response.json()) as { credentials: { credential: string }[] };
    const iacas = (await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
    const verified = await verifyIssuerSigned(Buffer.from(credentials[0]!.credential, 'base64url'), {
      trustedIacaPems: iacas.iacas.map((i) => i.certificatePem),
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(verified.deviceKeyJwk).toMatchObject({ x: deviceKey.publicJwk.x, y: deviceKey.publicJwk.y });

    const other = await session();
    const badKid = await signedProof(
      { alg: 'ES256', typ: 'openid4vci-proof+jwt', kid: 'did:web:wallet.example#key-1' },
      { aud: server.url, iat: Math.floor(Date.now() / 1000), nonce: await nonce() },
    );
    expect(
      await errorOf(await credentialRequest(other.accessToken, { credential_configuration_id: mdlId, proofs: { jwt: [badKid] } })),
    ).toMatchObject({ error: 'invalid_proof' });
  });

  it('rejects a proof without a nonce, or with one we never gave', async () => {
    const { accessToken } = await session();
    const without = await credentialRequest(accessToken, {
      credential_configuration_id: mdlId,
      proofs: { jwt: [await createProofJwt({ deviceKey, audience: server.url })] },
    });
    expect(await errorOf(without)).toMatchObject({ error: 'invalid_nonce' });
    const invented = await credentialRequest(accessToken, {
      credential_configuration_id: mdlId,
      proofs: { jwt: [await createProofJwt({ deviceKey, audience: server.url, nonce: 'made-up' })] },
    });
    expect(await errorOf(invented)).toMatchObject({ error: 'invalid_nonce' });
  });

  it('rejects missing and invalid access tokens with 401 and WWW-Authenticate', async () => {
    const missing = await credentialRequest(undefined, { credential_configuration_id: mdlId, proofs: { jwt: [await proof()] } });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await errorOf(missing)).toMatchObject({ status: 401, error: 'invalid_token' });
    const invalid = await credentialRequest('not-a-token', { credential_configuration_id: mdlId, proofs: { jwt: [await proof()] } });
    expect(await errorOf(invalid)).toMatchObject({ status: 401, error: 'invalid_token' });
  });

  it('rejects unknown and unoffered configurations, and malformed requests', async () => {
    const { accessToken } = await session();
    const unknown = await credentialRequest(accessToken, {
      credential_configuration_id: 'no-such-thing',
      proofs: { jwt: [await proof()] },
    });
    expect(await errorOf(unknown)).toMatchObject({ status: 400, error: 'unknown_credential_configuration' });
    const pid = await configurationId(server, 'eu.europa.ec.eudi.pid.1');
    const unoffered = await credentialRequest(accessToken, { credential_configuration_id: pid, proofs: { jwt: [await proof()] } });
    expect(await errorOf(unoffered)).toMatchObject({ status: 400, error: 'invalid_credential_request' });
    const noProof = await credentialRequest(accessToken, { credential_configuration_id: mdlId });
    expect(await errorOf(noProof)).toMatchObject({ status: 400, error: 'invalid_proof' });
    const batch = await credentialRequest(accessToken, {
      credential_configuration_id: mdlId,
      proofs: { jwt: [await proof(), await proof()] },
    });
    expect(await errorOf(batch)).toMatchObject({ status: 400, error: 'invalid_proof' });
    const notJson = await fetch(`${server.url}/v1/openid/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: '{"credential_configuration_id":',
    });
    expect(await errorOf(notJson)).toMatchObject({ status: 400, error: 'invalid_request' });
  });
});
