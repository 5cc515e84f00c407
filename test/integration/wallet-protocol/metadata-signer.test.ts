// DESIGN §12 over real HTTP: the metadata signing key made in the kiosk (key + CSR, as for a Document
// Signer under an authority's IACA): POST answers a CSR, a test CA (independent of the engine)
// issues the certificate, PUT installs it after the HAIP §4.1 checks, and from then on the issuer
// metadata carries signed_metadata under it, across a restart; in a PKCS#11 token when one is set.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metadataSigningFiles, testMetadataCa, type TestCa } from '../../support/metadata-signing-files';
import { createSoftHsmToken, softHsmMissing, type SoftHsmToken } from '../../support/softhsm';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

interface SignerView {
  source: string;
  certificate?: { subject: string; issuer: string; fingerprint: string; chainLength: number };
  pending?: { id: string; csrPem: string; keyLocation: string };
}

const signer = (server: CounterServer, init: { method?: string; json?: unknown } = {}) => server.api('/v1/counter/metadata-signer', init);

async function metadata(server: CounterServer): Promise<Record<string, unknown>> {
  return (await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>;
}

/** POST, then the CA signs the CSR's key: the certificate the kiosk should accept. */
async function keyAndCertificate(server: CounterServer, ca: TestCa) {
  const created = await signer(server, { method: 'POST', json: { country: 'NZ', organization: 'Counter Test' } });
  expect(created.status).toBe(201);
  const view = (await created.json()) as SignerView;
  const csr = new x509.Pkcs10CertificateRequest(view.pending!.csrPem);
  // Proof of possession: the CSR is signed by the key it names.
  expect(await csr.verify()).toBe(true);
  expect(csr.subject).toMatch(/C=NZ/);
  expect(csr.subject).toMatch(/O=Counter Test/);
  const leaf = await ca.issue(await csr.publicKey.export(ALG, ['verify']), 'CN=Counter metadata signer, C=NZ');
  return { view, csr, leaf };
}

let ca: TestCa;
beforeAll(async () => {
  ca = await testMetadataCa();
});

describe('the metadata signing key made in the kiosk (key + CSR)', () => {
  let server: CounterServer | undefined;
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('POST answers a CSR; PUT refuses a self-signed, foreign or anchored certificate, and installs the CA-issued one', async () => {
    server = await startCounter();
    expect(await (await signer(server)).json()).toEqual({ source: 'none' });
    expect((await metadata(server)).signed_metadata).toBeUndefined();
    const early = await signer(server, { method: 'PUT', json: { certificatePem: ca.cert.toString('pem') } });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe('Conflict');
    expect((await signer(server, { method: 'POST', json: { country: 'nz' } })).status).toBe(400);

    const { view, leaf } = await keyAndCertificate(server, ca);
    expect(view).toMatchObject({ source: 'none', pending: { keyLocation: expect.stringMatching(/^the key file metadata-/) } });
    // Still unsigned while the certificate is pending.
    expect((await metadata(server)).signed_metadata).toBeUndefined();

    const refused = async (certificatePem: string, why: RegExp) => {
      const answer = await signer(server!, { method: 'PUT', json: { certificatePem } });
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { details: { param: string; msg: string }[] };
      expect(body.details[0]).toMatchObject({ param: 'certificatePem', msg: expect.stringMatching(why) });
    };
    await refused(ca.cert.toString('pem'), /self-signed/);
    const stranger = await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
    await refused((await ca.issue(stranger.publicKey, 'CN=Someone else')).toString('pem'), /not issued for this key/);
    await refused(`${leaf.toString('pem')}\n${ca.cert.toString('pem')}`, /trust anchor/);
    await refused('not a certificate', /no PEM certificate/);

    const installed = await signer(server, { method: 'PUT', json: { certificatePem: leaf.toString('pem') } });
    expect(installed.status).toBe(200);
    const after = (await installed.json()) as SignerView;
    expect(after).toMatchObject({ source: 'kiosk', certificate: { issuer: expect.stringContaining('Test Metadata CA'), chainLength: 1 } });
    expect(after.pending).toBeUndefined();

    const events = (await (await server.api('/v1/analytics/events?limit=50')).json()) as { data: { type: string }[] };
    const types = events.data.map((e) => e.type);
    expect(types).toContain('COUNTER_METADATA_SIGNER_CREATE_SUCCESS');
    expect(types).toContain('COUNTER_METADATA_SIGNER_UPDATE_SUCCESS');
    expect(types).toContain('COUNTER_METADATA_SIGNER_UPDATE_FAIL');
  });

  it('signs the metadata under that certificate (x5c: the leaf, not the CA), also as application/jwt', async () => {
    const body = await metadata(server!);
    const jwt = body.signed_metadata as string;
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'openidvci-issuer-metadata+jwt' });
    expect(header.x5c).toHaveLength(1);
    const leaf = new X509Certificate(Buffer.from(header.x5c![0]!, 'base64'));
    const root = new X509Certificate(ca.cert.toString('pem'));
    expect(leaf.checkIssued(root) && leaf.verify(root.publicKey)).toBe(true);
    const { payload } = await jwtVerify(jwt, leaf.publicKey, { typ: 'openidvci-issuer-metadata+jwt', subject: server!.url });
    const { signed_metadata: _signed, ...unsigned } = body;
    expect(payload).toMatchObject(unsigned);
    const asJwt = await fetch(`${server!.url}/.well-known/openid-credential-issuer`, { headers: { accept: 'application/jwt' } });
    expect(asJwt.headers.get('content-type')).toBe('application/jwt');
    await expect(jwtVerify(await asJwt.text(), leaf.publicKey)).resolves.toBeTruthy();
  });

  it('keeps signing with the same key after a restart; a new key signs only once its certificate is installed', async () => {
    const before = decodeProtectedHeader((await metadata(server!)).signed_metadata as string).x5c![0];
    const dataDir = server!.dataDir;
    await server!.stop();
    server = await startCounter({ dataDir });
    const jwt = (await metadata(server)).signed_metadata as string;
    expect(decodeProtectedHeader(jwt).x5c![0]).toBe(before);
    await expect(jwtVerify(jwt, new X509Certificate(Buffer.from(before!, 'base64')).publicKey)).resolves.toBeTruthy();

    // Renewal: the old certificate signs while the new key waits, then the new one takes over.
    const { leaf } = await keyAndCertificate(server, ca);
    expect(decodeProtectedHeader((await metadata(server)).signed_metadata as string).x5c![0]).toBe(before);
    expect((await signer(server, { method: 'PUT', json: { certificatePem: leaf.toString('pem') } })).status).toBe(200);
    const renewed = decodeProtectedHeader((await metadata(server)).signed_metadata as string).x5c![0];
    expect(renewed).toBe(Buffer.from(leaf.rawData).toString('base64'));
  });
});

const missing = softHsmMissing();
if (missing) console.log(`SKIPPED PKCS#11 metadata signer test: ${missing}`);

describe.skipIf(missing)('the metadata signing key in a PKCS#11 token (SoftHSM2)', () => {
  let token: SoftHsmToken | undefined;
  let server: CounterServer | undefined;
  afterEach(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    token?.remove();
  });

  it('is generated in the token, never extractable, and signs the metadata there', async () => {
    token = createSoftHsmToken('counter-meta', '246810');
    server = await startCounter({ env: token.counterEnv });
    const { view, leaf } = await keyAndCertificate(server, ca);
    expect(view.pending!.keyLocation).toMatch(/PKCS#11 token "counter-meta"/);
    expect(token.listObjects()).toMatch(new RegExp(`label:\\s+counter metadata-${view.pending!.id}[\\s\\S]*?never extractable`));
    expect((await signer(server, { method: 'PUT', json: { certificatePem: leaf.toString('pem') } })).status).toBe(200);
    const jwt = (await metadata(server)).signed_metadata as string;
    await expect(jwtVerify(jwt, new X509Certificate(leaf.toString('pem')).publicKey)).resolves.toBeTruthy();
  });
});

describe('with COUNTER_METADATA_SIGNING_KEY/_CERT', () => {
  it('says so, and refuses to make a key of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-metadata-'));
    const files = await metadataSigningFiles(dir);
    const server = await startCounter({
      env: { COUNTER_METADATA_SIGNING_KEY: files.keyFile, COUNTER_METADATA_SIGNING_CERT: files.certFile },
    });
    try {
      expect(await (await signer(server)).json()).toMatchObject({ source: 'environment', certificate: { chainLength: 1 } });
      expect((await signer(server, { method: 'POST', json: {} })).status).toBe(409);
    } finally {
      await server.stop();
      removeDataDir(server.dataDir);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
