// A CA and a metadata signing certificate under it, written as PEM files for
// COUNTER_METADATA_SIGNING_KEY / _CERT, or a CA that certifies the kiosk's own key from its CSR
// (independent of the engine).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

export async function metadataSigningFiles(dir: string, options: { selfSigned?: boolean } = {}) {
  const now = Date.now();
  const caKeys = await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(8).toString('hex')}`,
    name: 'CN=Test Metadata CA, C=NZ',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const keys = options.selfSigned ? caKeys : await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const leaf = options.selfSigned
    ? ca
    : await x509.X509CertificateGenerator.create({
        serialNumber: `02${randomBytes(8).toString('hex')}`,
        subject: 'CN=Counter metadata signer, C=NZ',
        issuer: ca.subject,
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 90 * DAY),
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: ALG,
        extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
      });
  const keyFile = join(dir, 'metadata-signing.key');
  const certFile = join(dir, 'metadata-signing.pem');
  writeFileSync(keyFile, pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', keys.privateKey)), { mode: 0o600 });
  writeFileSync(certFile, leaf.toString('pem'));
  return { keyFile, certFile, caPem: ca.toString('pem'), leafPem: leaf.toString('pem') };
}

/** A CA for the kiosk's own metadata signing key: it issues a certificate for a CSR's public key. */
export interface TestCa {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  /** A certificate for `publicKey`, issued by this CA (or self-signed by a fresh key when asked). */
  issue(publicKey: CryptoKey, subject: string): Promise<x509.X509Certificate>;
}

export async function testMetadataCa(): Promise<TestCa> {
  const keys = await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(8).toString('hex')}`,
    name: 'CN=Test Metadata CA, C=NZ',
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return {
    cert,
    keys,
    issue: (publicKey, subject) =>
      x509.X509CertificateGenerator.create({
        serialNumber: `02${randomBytes(8).toString('hex')}`,
        subject,
        issuer: cert.subject,
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 90 * DAY),
        publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: ALG,
        extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
      }),
  };
}
