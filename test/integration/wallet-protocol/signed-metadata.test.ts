// DESIGN §12, OID4VCI 1.0 §12.2.2–3, HAIP §4.1: with a metadata signing key and certificate the
// issuer metadata carries signed_metadata (x5c: the signing certificate, not the CA, not self-signed),
// and Accept: application/jwt gets the JWT itself. Without one, no signed_metadata.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadataSigningFiles } from '../../support/metadata-signing-files';
import { newDataDir, removeDataDir, runServeToExit, startCounter, type CounterServer } from '../support/counter-server';

let dir: string;
let server: CounterServer;
let files: Awaited<ReturnType<typeof metadataSigningFiles>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-metadata-'));
  files = await metadataSigningFiles(dir);
  server = await startCounter({ env: { COUNTER_METADATA_SIGNING_KEY: files.keyFile, COUNTER_METADATA_SIGNING_CERT: files.certFile } });
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
  rmSync(dir, { recursive: true, force: true });
});

describe('signed issuer metadata', () => {
  it('carries signed_metadata: typ, x5c chaining to the CA, every parameter, sub = credential_issuer', async () => {
    const response = await fetch(`${server.url}/.well-known/openid-credential-issuer`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const metadata = (await response.json()) as Record<string, unknown>;
    const jwt = metadata.signed_metadata as string;
    expect(typeof jwt).toBe('string');
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'openidvci-issuer-metadata+jwt' });
    expect(header.x5c).toHaveLength(1);
    const leaf = new X509Certificate(Buffer.from(header.x5c![0]!, 'base64'));
    const ca = new X509Certificate(files.caPem);
    expect(leaf.checkIssued(ca) && leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.fingerprint256).not.toBe(ca.fingerprint256);
    const { payload } = await jwtVerify(jwt, leaf.publicKey, { typ: 'openidvci-issuer-metadata+jwt', subject: server.url });
    const { signed_metadata: _signed, ...unsigned } = metadata;
    expect(payload).toMatchObject(unsigned);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(86_400);
  });

  it('answers Accept: application/jwt with the JWT itself', async () => {
    const response = await fetch(`${server.url}/.well-known/openid-credential-issuer`, { headers: { accept: 'application/jwt' } });
    expect(response.headers.get('content-type')).toBe('application/jwt');
    expect(response.headers.get('vary')).toBe('Accept');
    const jwt = await response.text();
    const leaf = new X509Certificate(files.leafPem);
    await expect(jwtVerify(jwt, leaf.publicKey)).resolves.toMatchObject({ payload: { credential_issuer: server.url } });
    const json = await fetch(`${server.url}/.well-known/openid-credential-issuer`, {
      headers: { accept: 'application/json, application/jwt' },
    });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses to start with a self-signed signing certificate, saying why', async () => {
    const selfSigned = await metadataSigningFiles(mkdtempSync(join(dir, 'self-')), { selfSigned: true });
    const dataDir = newDataDir();
    try {
      const { code, output } = await runServeToExit(['--port', '0', '--data-dir', dataDir], {
        COUNTER_ADMIN_TOKEN: 'metadata-test-admin-token-0123456789abcdef',
        COUNTER_METADATA_SIGNING_KEY: selfSigned.keyFile,
        COUNTER_METADATA_SIGNING_CERT: selfSigned.certFile,
      });
      expect(code).not.toBe(0);
      expect(output).toMatch(/self-signed/);
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('a Counter without a signing certificate publishes no signed_metadata', async () => {
    const plain = await startCounter();
    try {
      const metadata = (await (await fetch(`${plain.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>;
      expect(metadata).not.toHaveProperty('signed_metadata');
      const asJwt = await fetch(`${plain.url}/.well-known/openid-credential-issuer`, { headers: { accept: 'application/jwt' } });
      expect(asJwt.headers.get('content-type')).toMatch(/^application\/json/);
    } finally {
      await plain.stop();
      removeDataDir(plain.dataDir);
    }
  });
});
