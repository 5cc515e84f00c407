import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import { X509Certificate as NodeCertificate } from 'node:crypto';

/** One broken rule: which (ISO 18013-5 Annex B section and field) and what is wrong, in plain words. */
export interface CertificateProblem {
  /** e.g. "B.1.4 extKeyUsage". */
  rule: string;
  message: string;
  /** What the certificate has instead, when it is short enough to show. */
  value?: string;
}

/** Both parsers' views of one certificate: @peculiar/x509 for the extensions, OpenSSL for signatures (strict DER). */
export interface ParsedCertificate {
  der: Uint8Array;
  cert: x509.X509Certificate;
  node: NodeCertificate;
}

/** A single PEM certificate (or throws a message for the `certificatePem` detail). */
export function parseCertificatePem(pem: string): ParsedCertificate {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length !== 1) throw new Error(`expected exactly one PEM "CERTIFICATE" block, found ${blocks.length}`);
  return parseCertificateDer(new Uint8Array(Buffer.from(blocks[0]!.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64')));
}

export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  try {
    return { der, cert: new x509.X509Certificate(new Uint8Array(der)), node: new NodeCertificate(der) };
  } catch (error) {
    throw new Error(`not a valid X.509 certificate (${(error as Error).message})`, { cause: error });
  }
}

export const sha256Fingerprint = (certificate: ParsedCertificate) => certificate.node.fingerprint256.replace(/:/g, '').toLowerCase();

const OID_NAMES: Record<string, string> = {
  '2.5.29.14': 'subjectKeyIdentifier',
  '2.5.29.15': 'keyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.18': 'issuerAltName',
  '2.5.29.19': 'basicConstraints',
  '2.5.29.31': 'cRLDistributionPoints',
  '2.5.29.35': 'authorityKeyIdentifier',
  '2.5.29.37': 'extKeyUsage',
  '2.5.29.32': 'certificatePolicies',
  '1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
};

/** Annex B profiles and RFC 5280 §4.2: one of each extension, and no critical one a verifier would not know. */
export function extensionProblems(certificate: ParsedCertificate, section: string): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const seen = new Set<string>();
  for (const extension of certificate.cert.extensions) {
    const name = OID_NAMES[extension.type] ?? extension.type;
    if (seen.has(extension.type)) {
      problems.push({ rule: `${section} extensions`, message: `the ${name} extension appears more than once (RFC 5280 §4.2)` });
    }
    seen.add(extension.type);
    if (extension.critical && !OID_NAMES[extension.type]) {
      problems.push({
        rule: `${section} extensions`,
        message: `the critical extension ${extension.type} is not part of the profile; verifiers would reject the certificate (RFC 5280 §4.2)`,
      });
    }
  }
  return problems;
}

/** Annex B.1.2/B.1.4: X.509 v3, a positive serial of at most 20 octets, ECDSA with SHA-256/384/512. */
export function basicFieldProblems(certificate: ParsedCertificate, section: string): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const version = certificateVersion(certificate.der);
  if (version !== 3)
    problems.push({ rule: `${section} version`, message: 'the certificate must be X.509 version 3', value: `v${version}` });
  const serial = certificate.cert.serialNumber.replace(/^00/, '');
  const serialBytes = Buffer.from(certificate.cert.serialNumber, 'hex');
  if (serialBytes.length === 0 || (serialBytes[0]! & 0x80) !== 0 || /^0*$/.test(serial) || serialBytes.length > 20) {
    problems.push({
      rule: `${section} serialNumber`,
      message: 'the serial number must be a positive integer of at most 20 octets',
      value: serial,
    });
  }
  const algorithm = certificate.cert.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  if (algorithm.name !== 'ECDSA' || !['SHA-256', 'SHA-384', 'SHA-512'].includes(algorithm.hash?.name ?? '')) {
    problems.push({
      rule: `${section} signature`,
      message: 'the certificate must be signed with ECDSA and SHA-256, SHA-384 or SHA-512',
      value: `${algorithm.name ?? '?'}${algorithm.hash?.name ? ` ${algorithm.hash.name}` : ''}`,
    });
  }
  return problems;
}

const EC_CURVES = new Set([
  'prime256v1',
  'secp384r1',
  'secp521r1',
  'brainpoolP256r1',
  'brainpoolP320r1',
  'brainpoolP384r1',
  'brainpoolP512r1',
]);

/** Annex B.1.2: an EC public key on one of the curves ISO 18013-5 allows for issuers (§9.1.5.2). */
export function ecPublicKeyProblem(certificate: ParsedCertificate, section: string): CertificateProblem | undefined {
  const key = certificate.node.publicKey;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && curve && EC_CURVES.has(curve)) return undefined;
  return {
    rule: `${section} subjectPublicKeyInfo`,
    message: 'the public key must be an EC key on P-256, P-384, P-521 or a brainpool curve',
    value: curve ?? key.asymmetricKeyType,
  };
}

/** The ASN.1 string tag of the countryName in a DER Name: 0x13 is PrintableString (X.520, Annex B.1.2). */
export function countryTag(nameDer: Uint8Array): number | undefined {
  const oid = Buffer.from('0603550406', 'hex'); // OBJECT IDENTIFIER 2.5.4.6 (countryName)
  const at = Buffer.from(nameDer).indexOf(oid);
  return at < 0 ? undefined : nameDer[at + oid.length];
}

export const subjectDer = (certificate: ParsedCertificate) => new Uint8Array(certificate.cert.subjectName.toArrayBuffer());
export const issuerDer = (certificate: ParsedCertificate) => new Uint8Array(certificate.cert.issuerName.toArrayBuffer());
export const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Annex B.1.2/B.1.4 subject: countryName (ISO 3166-1 alpha-2, PrintableString) and commonName. */
export function subjectProblems(certificate: ParsedCertificate, section: string): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const countries = certificate.cert.subjectName.getField('C');
  if (countries.length !== 1 || !/^[A-Z]{2}$/.test(countries[0]!)) {
    problems.push({
      rule: `${section} subject countryName`,
      message: 'the subject must carry one countryName, an upper-case ISO 3166-1 alpha-2 code',
      value: countries.join(',') || '(none)',
    });
  } else if (countryTag(subjectDer(certificate)) !== 0x13) {
    problems.push({ rule: `${section} subject countryName`, message: 'the countryName must be encoded as a PrintableString' });
  }
  if (certificate.cert.subjectName.getField('CN').every((cn) => cn.trim() === '')) {
    problems.push({ rule: `${section} subject commonName`, message: 'the subject must carry a commonName' });
  }
  return problems;
}

/** Annex B: issuerAltName present, not critical, holding a URI or an e-mail address. */
export function issuerAltNameProblem(certificate: ParsedCertificate, section: string): CertificateProblem | undefined {
  const ian = certificate.cert.getExtension(x509.IssuerAlternativeNameExtension);
  const names = ian?.names.toJSON() ?? [];
  if (ian && !ian.critical && names.some((n) => n.type === 'url' || n.type === 'email')) return undefined;
  return {
    rule: `${section} issuerAltName`,
    message: ian
      ? 'the issuerAltName extension must be non-critical and hold a URI or an e-mail address'
      : 'the issuerAltName extension (a URI or an e-mail address of the issuing authority) is missing',
  };
}

/** Annex B: cRLDistributionPoints, non-critical, with a URI distribution point. */
export function crlDistributionPointProblem(certificate: ParsedCertificate, section: string): CertificateProblem | undefined {
  const crldp = certificate.cert.getExtension(x509.CRLDistributionPointsExtension);
  const uris = crlUris(certificate);
  if (crldp && !crldp.critical && uris.length > 0) return undefined;
  return {
    rule: `${section} cRLDistributionPoints`,
    message: crldp
      ? 'the cRLDistributionPoints extension must be non-critical and name the CRL by URI'
      : 'the cRLDistributionPoints extension (where verifiers fetch the CRL) is missing',
  };
}

export function crlUris(certificate: ParsedCertificate): string[] {
  const crldp = certificate.cert.getExtension(x509.CRLDistributionPointsExtension);
  return (crldp?.distributionPoints ?? []).flatMap(
    (point) =>
      point.distributionPoint?.fullName?.flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : [])) ?? [],
  );
}

/** The version field (X.509: v1 when absent). */
function certificateVersion(der: Uint8Array): number {
  // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] EXPLICIT Version DEFAULT v1, … } }
  const skipHeader = (at: number) => {
    const lengthByte = der[at + 1]!;
    return at + 2 + (lengthByte & 0x80 ? lengthByte & 0x7f : 0);
  };
  const tbs = skipHeader(0);
  const first = skipHeader(tbs);
  if (der[first] !== 0xa0) return 1;
  // [0] { INTEGER version }: a0 03 02 01 <v>
  return (der[first + 4] ?? 0) + 1;
}

export const DAY = 86_400_000;
export const days = (ms: number) => Math.round((ms / DAY) * 10) / 10;
