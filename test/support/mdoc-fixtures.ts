// Throwaway IACA / DS certificates and mDocs made with @owf/mdoc's issuer side (for self-tests).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { DeviceKey, Issuer, SignatureAlgorithm } from '@owf/mdoc';
import type { IssuerSigned } from '@owf/mdoc';
import { jwkToCoseKey, mdocContext } from './mdoc-context';

const subtle = globalThis.crypto.subtle;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIG = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface TestPki {
  iacaPem: string;
  dsPem: string;
  dsDer: Uint8Array;
  dsPrivateJwk: JsonWebKey;
}

/** An IACA root and a Document Signer certificate shaped after ISO 18013-5 Annex B. */
export async function createTestPki(opts: { country?: string; notBefore?: Date; days?: number } = {}): Promise<TestPki> {
  const country = opts.country ?? 'US';
  const notBefore = opts.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = new Date(notBefore.getTime() + (opts.days ?? 365) * DAY);
  const iacaKeys = await subtle.generateKey(EC, true, ['sign', 'verify']);
  const dsKeys = await subtle.generateKey(EC, true, ['sign', 'verify']);
  const iacaName = `C=${country}, CN=Test IACA ${crypto.randomUUID().slice(0, 8)}`;
  const iaca = await x509.X509CertificateGenerator.createSelfSigned({
    name: iacaName,
    keys: iacaKeys,
    notBefore,
    notAfter,
    signingAlgorithm: SIG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(iacaKeys.publicKey),
    ],
  });
  const ds = await x509.X509CertificateGenerator.create({
    subject: `C=${country}, CN=Test DS`,
    issuer: iaca.subject,
    publicKey: dsKeys.publicKey,
    signingKey: iacaKeys.privateKey,
    notBefore,
    notAfter,
    signingAlgorithm: SIG,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(['1.0.18013.5.1.2'], true),
      await x509.AuthorityKeyIdentifierExtension.create(iacaKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(dsKeys.publicKey),
    ],
  });
  return {
    iacaPem: iaca.toString('pem'),
    dsPem: ds.toString('pem'),
    dsDer: new Uint8Array(ds.rawData),
    dsPrivateJwk: await subtle.exportKey('jwk', dsKeys.privateKey),
  };
}

/** Signs an IssuerSigned with the DS of `pki`. Values go in as given (use DateOnly for full-date). */
export async function issueTestMdoc(opts: {
  pki: TestPki;
  docType: string;
  namespaces: Record<string, Record<string, unknown>>;
  deviceJwk: JsonWebKey;
  signed?: Date;
  validUntil?: Date;
}): Promise<IssuerSigned> {
  const signed = opts.signed ?? new Date();
  const issuer = new Issuer(opts.docType, mdocContext);
  for (const [ns, values] of Object.entries(opts.namespaces)) issuer.addIssuerNamespace(ns, values);
  return issuer.sign({
    signingKey: jwkToCoseKey(opts.pki.dsPrivateJwk),
    algorithm: SignatureAlgorithm.ES256,
    digestAlgorithm: 'SHA-256',
    validityInfo: { signed, validFrom: signed, validUntil: opts.validUntil ?? new Date(signed.getTime() + 30 * DAY) },
    // deviceKeyInfo's schema checks `instanceof DeviceKey`, so a plain CoseKey is rejected.
    deviceKeyInfo: { deviceKey: DeviceKey.fromEncodedStructure(jwkToCoseKey(opts.deviceJwk).encodedStructure) },
    certificates: [opts.pki.dsDer],
  });
}
