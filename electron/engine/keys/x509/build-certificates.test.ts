import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedKey } from '../../core/signing/key-custody';
import { systemRandom } from '../../core/util/secrets';
import { parseCertificateDer } from '../checks/certificate-facts';
import { iacaProblems } from '../checks/iaca-checks';
import { signerCertificateProblems } from '../checks/signer-certificate-checks';
import { DOCUMENT_SIGNER_PROFILE, ID_MDL_KP_MDL_DS, iacaValidity, signerValidity } from '../certificate-profiles';
import { fileKeyCustody } from '../file-key-custody';
import { createIacaCertificate, createSignerCsr, issueSignerCertificate } from './build-certificates';
import { createCrl, crlNumber, derInteger } from './build-crl';

// ISO 18013-5 Annex B profiles as a managed IACA makes them, signed through the signer port (here
// a key in a file; pkcs11-key-custody.test.ts does the same against a token).
const NOW = new Date('2026-03-01T10:00:00.500Z');
const DAY = 86_400_000;
const ISSUER = 'http://192.168.1.20:8787';
const CRL = `${ISSUER}/v2/credentials/mobile/iacas/1/crl`;

let dir: string;
let iacaKey: GeneratedKey;
let signerKey: GeneratedKey;
let iaca: x509.X509Certificate;
let csr: x509.Pkcs10CertificateRequest;
let ds: x509.X509Certificate;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counter-certs-'));
  const custody = fileKeyCustody(dir);
  iacaKey = await custody.generate('iaca');
  signerKey = await custody.generate('ds');
  iaca = await createIacaCertificate({
    key: iacaKey,
    commonName: 'Counter Test IACA',
    country: 'NZ',
    validity: iacaValidity(NOW),
    issuerAltNameUri: ISSUER,
    crlUri: CRL,
    random: systemRandom,
  });
  csr = await createSignerCsr({ key: signerKey, commonName: 'Counter Test Document Signer', iaca });
  ds = await issueSignerCertificate({
    csr,
    iaca,
    iacaSigner: iacaKey.signer,
    profile: DOCUMENT_SIGNER_PROFILE,
    validity: signerValidity(NOW, iaca.notAfter, DOCUMENT_SIGNER_PROFILE),
    crlUri: CRL,
    random: systemRandom,
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a managed IACA', () => {
  it('is a self-signed root following ISO 18013-5 Annex B.1.2, with its CRL distribution point', async () => {
    expect(iaca.subject).toBe('C=NZ, CN=Counter Test IACA');
    expect(iaca.issuer).toBe(iaca.subject);
    expect(await iaca.verify({ signatureOnly: true })).toBe(true);
    expect(iaca.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(iaca.serialNumber.length).toBeGreaterThanOrEqual(16); // ≥ 63 bits
    expect(Number.parseInt(iaca.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80); // positive
    expect(new Uint8Array(iaca.publicKey.rawData)).toEqual(iacaKey.publicKeySpki);

    const basic = iaca.getExtension(x509.BasicConstraintsExtension)!;
    expect([basic.ca, basic.pathLength, basic.critical]).toEqual([true, 0, true]);
    const usage = iaca.getExtension(x509.KeyUsagesExtension)!;
    expect([usage.usages, usage.critical]).toEqual([x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true]);
    expect(iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(iaca.getExtension(x509.IssuerAlternativeNameExtension)?.names.toJSON()).toEqual([{ type: 'url', value: ISSUER }]);
    expect(iaca.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints[0]?.distributionPoint?.fullName?.[0]).toMatchObject({
      uniformResourceIdentifier: CRL,
    });

    const years = (iaca.notAfter.getTime() - iaca.notBefore.getTime()) / (365.25 * DAY);
    expect(years).toBeGreaterThan(8.9);
    expect(years).toBeLessThan(9.1);
    expect(iacaProblems(parseCertificateDer(new Uint8Array(iaca.rawData)), NOW)).toEqual([]);
  });
});

describe('a Document Signer', () => {
  it('asks with a PKCS#10 request signed by its own key, naming only C and CN', async () => {
    expect(await csr.verify()).toBe(true);
    expect(csr.subject).toBe('C=NZ, CN=Counter Test Document Signer');
    expect(new Uint8Array(csr.publicKey.rawData)).toEqual(signerKey.publicKeySpki);
    expect(csr.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
  });

  it('is issued by a managed IACA following Annex B.1.4, and passes the checks an authority certificate must', async () => {
    expect(ds.subject).toBe('C=NZ, CN=Counter Test Document Signer');
    expect(ds.issuer).toBe(iaca.subject);
    expect(await ds.verify({ publicKey: iaca.publicKey, signatureOnly: true })).toBe(true);
    expect(await ds.verify({ publicKey: ds.publicKey, signatureOnly: true })).toBe(false);
    const usage = ds.getExtension(x509.KeyUsagesExtension)!;
    expect([usage.usages, usage.critical]).toEqual([x509.KeyUsageFlags.digitalSignature, true]);
    const eku = ds.getExtension(x509.ExtendedKeyUsageExtension)!;
    expect([eku.usages, eku.critical]).toEqual([[ID_MDL_KP_MDL_DS], true]);
    expect(ds.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
    expect(ds.getExtension(x509.IssuerAlternativeNameExtension)?.names.toJSON()).toEqual([{ type: 'url', value: ISSUER }]);
    expect(ds.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints[0]?.distributionPoint?.fullName?.[0]).toMatchObject({
      uniformResourceIdentifier: CRL,
    });
    expect(ds.getExtension(x509.BasicConstraintsExtension)).toBeNull();
    const days = (ds.notAfter.getTime() - ds.notBefore.getTime()) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(457);
    expect(ds.notBefore.getTime()).toBeLessThanOrEqual(NOW.getTime());

    const problems = signerCertificateProblems(parseCertificateDer(new Uint8Array(ds.rawData)), {
      publicKeySpki: signerKey.publicKeySpki,
      iaca: parseCertificateDer(new Uint8Array(iaca.rawData)),
      profile: DOCUMENT_SIGNER_PROFILE,
      now: NOW,
    });
    expect(problems).toEqual([]);
  });

  it('is never valid past its IACA', async () => {
    const short = signerValidity(NOW, new Date(NOW.getTime() + 10 * DAY), DOCUMENT_SIGNER_PROFILE);
    expect(short.notAfter.getTime()).toBe(Math.floor((NOW.getTime() + 10 * DAY) / 1000) * 1000);
  });
});

describe('the IACA CRL', () => {
  it('parses, verifies against the IACA, names it, and lists the revoked serials with a cRLNumber', async () => {
    const crl = await createCrl({
      iaca,
      iacaSigner: iacaKey.signer,
      number: 300,
      thisUpdate: NOW,
      nextUpdate: new Date(NOW.getTime() + 7 * DAY),
      revoked: [{ serialNumber: ds.serialNumber, revokedAt: NOW }],
    });
    const parsed = new x509.X509Crl(crl.rawData);
    expect(await parsed.verify({ publicKey: iaca.publicKey })).toBe(true);
    expect(await parsed.verify({ publicKey: ds.publicKey })).toBe(false);
    expect(parsed.issuer).toBe(iaca.subject);
    expect(parsed.nextUpdate?.getTime()).toBe(NOW.getTime() - 500 + 7 * DAY);
    expect(parsed.findRevoked(ds)?.serialNumber).toBe(ds.serialNumber);
    expect(crlNumber(parsed)).toBe(300);
    expect(parsed.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(
      iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId,
    );
  });

  it('encodes CRL numbers as DER INTEGERs', () => {
    expect(Buffer.from(derInteger(0)).toString('hex')).toBe('020100');
    expect(Buffer.from(derInteger(127)).toString('hex')).toBe('02017f');
    expect(Buffer.from(derInteger(128)).toString('hex')).toBe('02020080');
    expect(Buffer.from(derInteger(65_536)).toString('hex')).toBe('0203010000');
    expect(() => derInteger(-1)).toThrow();
  });
});
