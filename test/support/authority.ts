// An issuing authority outside Counter (a licensing office with its own offline IACA): makes its IACA
// and signs Document Signer CSRs with node:crypto + @peculiar/x509 only, never the engine's code,
// with switches to break one ISO 18013-5 Annex B rule at a time. Test-only.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes } from 'node:crypto';

const subtle = globalThis.crypto.subtle;
const DAY = 86_400_000;
export const MDL_DS_EKU = '1.0.18013.5.1.2'; // ISO 18013-5 Annex B.1.4 id-mdl-kp-mdlDS

export interface Authority {
  certificate: x509.X509Certificate;
  pem: string;
  keys: CryptoKeyPair;
  curve: 'P-256' | 'P-384';
}

export interface IacaOptions {
  country?: string;
  stateOrProvinceName?: string;
  commonName?: string;
  curve?: 'P-256' | 'P-384';
  notBefore?: Date;
  notAfter?: Date;
  ca?: boolean;
  pathLength?: number | null;
  keyUsage?: number;
  ski?: boolean;
  issuerAltName?: boolean;
  crlUri?: string | null;
  /** Signed by another key than its own (not a proper self-signed root). */
  signWith?: CryptoKey;
}

const serial = () => {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
};

const algorithm = (curve: 'P-256' | 'P-384') => ({ name: 'ECDSA', hash: curve === 'P-256' ? 'SHA-256' : 'SHA-384' });

export async function createAuthorityIaca(options: IacaOptions = {}): Promise<Authority> {
  const curve = options.curve ?? 'P-384';
  const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify']);
  const name = new x509.Name([
    { C: [{ printableString: options.country ?? 'DE' }] },
    ...(options.stateOrProvinceName ? [{ ST: [{ utf8String: options.stateOrProvinceName }] }] : []),
    { CN: [{ utf8String: options.commonName ?? 'Licensing Office Test IACA' }] },
  ]);
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca ?? true, options.pathLength === null ? undefined : (options.pathLength ?? 0), true),
    new x509.KeyUsagesExtension(options.keyUsage ?? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ];
  if (options.ski !== false) extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  if (options.issuerAltName !== false)
    extensions.push(new x509.IssuerAlternativeNameExtension([{ type: 'url', value: 'https://licensing.example' }]));
  if (options.crlUri !== null)
    extensions.push(new x509.CRLDistributionPointsExtension([options.crlUri ?? 'https://licensing.example/iaca.crl']));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: name,
    issuer: name,
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 10 * 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: options.signWith ?? keys.privateKey,
    signingAlgorithm: algorithm(curve),
    extensions,
  });
  return { certificate, pem: certificate.toString('pem'), keys, curve };
}

export interface SignOptions {
  validityDays?: number;
  notBefore?: Date;
  extendedKeyUsage?: string[] | null;
  keyUsage?: number;
  /** The subject's countryName; default the IACA's. */
  country?: string;
  /** Certify this public key instead of the CSR's. */
  publicKey?: CryptoKey;
  authorityKeyIdentifier?: 'iaca' | 'none' | 'other';
  issuerAltName?: boolean;
  crlUri?: string | null;
}

/** What the authority does with a Document Signer CSR: checks its signature, then issues under its IACA. */
export async function signDocumentSignerCsr(authority: Authority, csrPem: string, options: SignOptions = {}): Promise<string> {
  const csr = new x509.Pkcs10CertificateRequest(csrPem);
  if (!(await csr.verify())) throw new Error('the CSR does not verify');
  const iacaName = authority.certificate.subjectName;
  const country = options.country ?? iacaName.getField('C')[0]!;
  const state = iacaName.getField('ST')[0];
  const subject = new x509.Name([
    { C: [{ printableString: country }] },
    ...(state ? [{ ST: [{ utf8String: state }] }] : []),
    { CN: [{ utf8String: csr.subjectName.getField('CN')[0] ?? 'Document Signer' }] },
  ]);
  const publicKey = options.publicKey ?? (await csr.publicKey.export());
  const iacaSki = authority.certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? '00';
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(options.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
  if (options.extendedKeyUsage !== null)
    extensions.push(new x509.ExtendedKeyUsageExtension(options.extendedKeyUsage ?? [MDL_DS_EKU], true));
  const aki = options.authorityKeyIdentifier ?? 'iaca';
  if (aki !== 'none') extensions.push(new x509.AuthorityKeyIdentifierExtension(aki === 'iaca' ? iacaSki : randomBytes(20).toString('hex')));
  if (options.issuerAltName !== false)
    extensions.push(new x509.IssuerAlternativeNameExtension([{ type: 'url', value: 'https://licensing.example' }]));
  if (options.crlUri !== null)
    extensions.push(new x509.CRLDistributionPointsExtension([options.crlUri ?? 'https://licensing.example/iaca.crl']));
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: iacaName,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.validityDays ?? 365) * DAY),
    publicKey,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: algorithm(authority.curve),
    extensions,
  });
  return certificate.toString('pem');
}
