import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import type { SignerProfile } from '../certificate-profiles';
import {
  DAY,
  basicFieldProblems,
  crlDistributionPointProblem,
  days,
  extensionProblems,
  issuerAltNameProblem,
  issuerDer,
  sameBytes,
  subjectDer,
  subjectProblems,
  type CertificateProblem,
  type ParsedCertificate,
} from './certificate-facts';

export interface SignerCertificateExpectations {
  /** The public key Counter generated and put in the CSR (SPKI DER). */
  publicKeySpki: Uint8Array;
  iaca: ParsedCertificate;
  profile: SignerProfile;
  now: Date;
}

/**
 * A signer certificate returned by an authority for a CSR, against ISO 18013-5 Annex B.1.4 and DESIGN
 * §10, every rule checked, every broken one reported: the public key is the CSR's; issued by that IACA
 * (issuer = its subject, signature verifies with its key, AKI = its SKI); X.509 v3, positive serial
 * ≤ 20 octets, ECDSA; keyUsage critical and digitalSignature only; extKeyUsage critical with the
 * profile's OID (id-mdl-kp-mdlDS for a Document Signer); issuerAltName; cRLDistributionPoints;
 * subjectKeyIdentifier; not a CA; validity at most the profile's days (457), inside the IACA's, not
 * over; subject countryName (and stateOrProvinceName) equal to the IACA's, and a commonName; one of
 * each extension and no unknown critical one.
 */
export function signerCertificateProblems(certificate: ParsedCertificate, expected: SignerCertificateExpectations): CertificateProblem[] {
  const B14 = expected.profile.annex;
  const { cert } = certificate;
  const iaca = expected.iaca;
  const problems: CertificateProblem[] = [];

  if (!sameBytes(new Uint8Array(cert.publicKey.rawData), expected.publicKeySpki)) {
    problems.push({
      rule: `${B14} subjectPublicKeyInfo`,
      message: `the certificate is for another key: its public key is not the one in this ${expected.profile.name}'s CSR`,
    });
  }
  const signedByIaca = safeVerify(certificate, iaca);
  if (!sameBytes(issuerDer(certificate), subjectDer(iaca)) || !signedByIaca) {
    problems.push({
      rule: `${B14} issuer`,
      message: `the certificate was not issued by this IACA ("${iaca.cert.subject}"): ${
        signedByIaca ? 'its issuer name differs' : 'its signature does not verify with the IACA key'
      }`,
      value: cert.issuer,
    });
  }
  problems.push(...basicFieldProblems(certificate, B14), ...subjectProblems(certificate, B14));

  const usage = cert.getExtension(x509.KeyUsagesExtension);
  if (!usage || !usage.critical || usage.usages !== x509.KeyUsageFlags.digitalSignature) {
    problems.push({
      rule: `${B14} keyUsage`,
      message: 'keyUsage must be critical and allow digitalSignature only',
      ...(usage ? { value: `0x${usage.usages.toString(16)}${usage.critical ? '' : ', not critical'}` } : {}),
    });
  }
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const purpose = expected.profile.extendedKeyUsage;
  if (purpose && (!eku || !eku.critical || !eku.usages.includes(purpose))) {
    problems.push({
      rule: `${B14} extKeyUsage`,
      message: `extKeyUsage must be critical and hold ${purpose} (the ${expected.profile.name} purpose)`,
      value: eku ? `${eku.usages.join(',')}${eku.critical ? '' : ', not critical'}` : '(none)',
    });
  }
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);
  const iacaSki = iaca.cert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!aki?.keyId || aki.keyId !== iacaSki?.keyId) {
    problems.push({
      rule: `${B14} authorityKeyIdentifier`,
      message: "authorityKeyIdentifier must be present and equal the IACA's subjectKeyIdentifier",
      ...(aki?.keyId ? { value: aki.keyId } : {}),
    });
  }
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!ski || ski.critical)
    problems.push({ rule: `${B14} subjectKeyIdentifier`, message: 'a non-critical subjectKeyIdentifier is required' });
  const ian = expected.profile.requiresIssuerAltName ? issuerAltNameProblem(certificate, B14) : undefined;
  if (ian) problems.push(ian);
  if (expected.profile.requiresCrlDistributionPoint) {
    const crldp = crlDistributionPointProblem(certificate, B14);
    if (crldp) problems.push(crldp);
  }
  if (cert.getExtension(x509.BasicConstraintsExtension)?.ca) {
    problems.push({
      rule: `${B14} basicConstraints`,
      message: `a ${expected.profile.name} is not a CA: basicConstraints cA must not be set`,
    });
  }

  problems.push(...validityProblems(certificate, expected));
  problems.push(...countryProblems(certificate, iaca, B14));
  problems.push(...extensionProblems(certificate, B14));
  return problems;
}

function validityProblems(certificate: ParsedCertificate, expected: SignerCertificateExpectations): CertificateProblem[] {
  const B14 = expected.profile.annex;
  const { cert } = certificate;
  const iaca = expected.iaca.cert;
  const problems: CertificateProblem[] = [];
  const length = cert.notAfter.getTime() - cert.notBefore.getTime();
  if (length <= 0) {
    problems.push({ rule: `${B14} validity`, message: 'notBefore must be before notAfter' });
  } else if (length > expected.profile.maxValidityDays * DAY) {
    problems.push({
      rule: `${B14} validity`,
      message: `a ${expected.profile.name} may be valid for at most ${expected.profile.maxValidityDays} days`,
      value: `${days(length)} days`,
    });
  }
  if (cert.notBefore < iaca.notBefore || cert.notAfter > iaca.notAfter) {
    problems.push({
      rule: `${B14} validity`,
      message: `the validity (${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}) must lie inside the IACA's (${iaca.notBefore.toISOString()} to ${iaca.notAfter.toISOString()})`,
    });
  }
  if (cert.notAfter <= expected.now) {
    problems.push({ rule: `${B14} validity`, message: `the certificate expired on ${cert.notAfter.toISOString()}` });
  }
  return problems;
}

/** Annex B.1.4 (and the status-list signer's profile): the signer's countryName (and stateOrProvinceName) are the IACA's. */
function countryProblems(certificate: ParsedCertificate, iaca: ParsedCertificate, B14: string): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const field = (c: ParsedCertificate, name: string) => c.cert.subjectName.getField(name).join(',');
  const [country, iacaCountry] = [field(certificate, 'C'), field(iaca, 'C')];
  if (country !== iacaCountry) {
    problems.push({
      rule: `${B14} subject countryName`,
      message: `the countryName must be the IACA's ("${iacaCountry}")`,
      value: country || '(none)',
    });
  }
  const iacaState = field(iaca, 'ST');
  if (iacaState && field(certificate, 'ST') !== iacaState) {
    problems.push({
      rule: `${B14} subject stateOrProvinceName`,
      message: `the stateOrProvinceName must be the IACA's ("${iacaState}")`,
      value: field(certificate, 'ST') || '(none)',
    });
  }
  return problems;
}

/** OpenSSL's verdict (it refuses non-DER signatures that @peculiar/x509 lets through). */
function safeVerify(certificate: ParsedCertificate, iaca: ParsedCertificate): boolean {
  try {
    return certificate.node.verify(iaca.node.publicKey);
  } catch {
    return false;
  }
}
