import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { mkdtemp, readFile, rm, stat, unlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ID_MDL_KP_MDL_DS } from './certificate-profiles';
import { loadOrCreateIssuerKeys, type IssuerKeyOptions } from './issuer-keys';
import { KEY_FILES } from './key-files';

const NOW = new Date('2026-03-01T10:00:00.500Z');
const OPTIONS: IssuerKeyOptions = { now: NOW, issuerName: 'Counter Test', country: 'NZ', issuerAltNameUri: 'http://192.168.1.20:8787' };
const DAY = 86_400_000;

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'counter-keys-'));
  dir = join(root, 'keys');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' };
const certificate = (der: Uint8Array) => new x509.X509Certificate(new Uint8Array(der));

describe('loadOrCreateIssuerKeys', () => {
  it('creates the four files, owner-only', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    expect(await mode(dir)).toBe(0o700);
    for (const name of Object.values(KEY_FILES)) expect(await mode(join(dir, name)), name).toBe(0o600);
    expect(await readFile(join(dir, KEY_FILES.iacaKey), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(await readFile(join(dir, KEY_FILES.documentSignerKey), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('creates an IACA root following ISO 18013-5 Annex B.1.2', async () => {
    const keys = await loadOrCreateIssuerKeys(dir, OPTIONS);
    const iaca = certificate(keys.iaca.certificateDer);
    expect(iaca.subject).toBe('C=NZ, CN=Counter Test IACA');
    expect(iaca.issuer).toBe(iaca.subject);
    expect(await iaca.verify({ signatureOnly: true })).toBe(true);
    expect(iaca.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(iaca.serialNumber.length).toBeGreaterThanOrEqual(16); // ≥ 63 bits
    expect(Number.parseInt(iaca.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80); // positive

    const basic = iaca.getExtension(x509.BasicConstraintsExtension)!;
    expect([basic.ca, basic.pathLength, basic.critical]).toEqual([true, 0, true]);
    const usage = iaca.getExtension(x509.KeyUsagesExtension)!;
    expect(usage.critical).toBe(true);
    expect(usage.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(iaca.getExtension(x509.IssuerAlternativeNameExtension)?.names.toJSON()).toEqual([
      { type: 'url', value: OPTIONS.issuerAltNameUri },
    ]);

    const years = (iaca.notAfter.getTime() - iaca.notBefore.getTime()) / (365.25 * DAY);
    expect(years).toBeGreaterThan(8.9);
    expect(years).toBeLessThan(9.1);
    expect(keys.iaca.id).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.iaca.certificatePem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('creates a Document Signer under the IACA following Annex B.1.4', async () => {
    const keys = await loadOrCreateIssuerKeys(dir, OPTIONS);
    const iaca = certificate(keys.iaca.certificateDer);
    const ds = certificate(keys.documentSigner.certificateDer);
    expect(ds.subject).toBe('C=NZ, CN=Counter Test Document Signer');
    expect(ds.issuer).toBe(iaca.subject);
    expect(await ds.verify({ publicKey: iaca.publicKey, signatureOnly: true })).toBe(true);
    expect(await ds.verify({ publicKey: ds.publicKey, signatureOnly: true })).toBe(false);
    expect(ds.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });

    const usage = ds.getExtension(x509.KeyUsagesExtension)!;
    expect([usage.usages, usage.critical]).toEqual([x509.KeyUsageFlags.digitalSignature, true]);
    const eku = ds.getExtension(x509.ExtendedKeyUsageExtension)!;
    expect([eku.usages, eku.critical]).toEqual([[ID_MDL_KP_MDL_DS], true]);
    expect(ds.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
    expect(ds.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(ds.getExtension(x509.IssuerAlternativeNameExtension)?.names.toJSON()).toEqual([
      { type: 'url', value: OPTIONS.issuerAltNameUri },
    ]);
    expect(ds.getExtension(x509.BasicConstraintsExtension)).toBeNull();

    const days = (ds.notAfter.getTime() - ds.notBefore.getTime()) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(457);
    expect(ds.notBefore.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(keys.documentSigner.notBefore).toEqual(ds.notBefore);
    expect(keys.documentSigner.notAfter).toEqual(ds.notAfter);
  });

  it('loads the same keys on the next start, and they still sign', async () => {
    const first = await loadOrCreateIssuerKeys(dir, OPTIONS);
    const second = await loadOrCreateIssuerKeys(dir, { ...OPTIONS, now: new Date(NOW.getTime() + 30 * DAY), issuerName: 'Renamed' });
    expect(second.iaca).toEqual(first.iaca);
    expect(second.documentSigner.certificatePem).toBe(first.documentSigner.certificatePem);
    expect(second.documentSigner.certificateDer).toEqual(first.documentSigner.certificateDer);

    const data = new TextEncoder().encode('to be signed');
    const signature = await crypto.subtle.sign(ES256, second.documentSigner.privateKey, data);
    const publicKey = await certificate(first.documentSigner.certificateDer).publicKey.export();
    expect(await crypto.subtle.verify(ES256, publicKey, signature, data)).toBe(true);
  });

  it('renews an expiring Document Signer under the same IACA', async () => {
    const first = await loadOrCreateIssuerKeys(dir, OPTIONS);
    const iacaKeyBefore = await readFile(join(dir, KEY_FILES.iacaKey), 'utf8');
    const later = new Date(first.documentSigner.notAfter.getTime() - DAY / 2);
    const renewed = await loadOrCreateIssuerKeys(dir, { ...OPTIONS, now: later });

    expect(renewed.iaca).toEqual(first.iaca);
    expect(await readFile(join(dir, KEY_FILES.iacaKey), 'utf8')).toBe(iacaKeyBefore);
    expect(renewed.documentSigner.certificatePem).not.toBe(first.documentSigner.certificatePem);
    expect(renewed.documentSigner.notAfter.getTime()).toBeGreaterThan(later.getTime() + 300 * DAY);
    const ds = certificate(renewed.documentSigner.certificateDer);
    const iaca = certificate(renewed.iaca.certificateDer);
    expect(await ds.verify({ publicKey: iaca.publicKey, signatureOnly: true })).toBe(true);
    expect(ds.notAfter.getTime()).toBeLessThanOrEqual(iaca.notAfter.getTime());
    for (const name of Object.values(KEY_FILES)) expect(await mode(join(dir, name)), name).toBe(0o600);

    const again = await loadOrCreateIssuerKeys(dir, { ...OPTIONS, now: later });
    expect(again.documentSigner.certificatePem).toBe(renewed.documentSigner.certificatePem);
  });

  it('refuses a partial key directory, naming the missing file, and never replaces the IACA key', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    const iacaKey = await readFile(join(dir, KEY_FILES.iacaKey), 'utf8');
    await unlink(join(dir, KEY_FILES.documentSignerCertificate));
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/incomplete: document-signer\.pem missing/);
    expect(await readFile(join(dir, KEY_FILES.iacaKey), 'utf8')).toBe(iacaKey);
  });

  it('refuses an unreadable key file, naming it', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    await writeFile(join(dir, KEY_FILES.iacaKey), 'not a key');
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/iaca-key\.pem: expected exactly one PEM "PRIVATE KEY" block/);

    await writeFile(join(dir, KEY_FILES.iacaKey), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/iaca-key\.pem: not a valid PKCS#8 P-256 private key/);
  });

  it('refuses a private key that does not match its certificate', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    await copyFile(join(dir, KEY_FILES.iacaKey), join(dir, KEY_FILES.documentSignerKey));
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/document-signer-key\.pem does not belong to the certificate/);
  });

  it('refuses a Document Signer from another IACA', async () => {
    const other = join(root, 'other');
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    await loadOrCreateIssuerKeys(other, OPTIONS);
    for (const name of [KEY_FILES.documentSignerCertificate, KEY_FILES.documentSignerKey])
      await copyFile(join(other, name), join(dir, name));
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/document-signer\.pem is not signed by the IACA/);
  });

  it('rejects a country that is not ISO 3166-1 alpha-2, writing nothing', async () => {
    await expect(loadOrCreateIssuerKeys(dir, { ...OPTIONS, country: 'NZL' })).rejects.toThrow(/alpha-2/);
    for (const name of Object.values(KEY_FILES)) await expect(stat(join(dir, name))).rejects.toThrow(/ENOENT/);
  });
});
