import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import { IACA_MAX_VALIDITY_YEARS } from '../certificate-profiles';
import {
  basicFieldProblems,
  crlDistributionPointProblem,
  days,
  ecPublicKeyProblem,
  extensionProblems,
  issuerAltNameProblem,
  issuerDer,
  sameBytes,
  subjectDer,
  subjectProblems,
  type CertificateProblem,
  type ParsedCertificate,
} from './certificate-facts';

const B12 = 'B.1.2';

/**
 * ISO 18013-5 Annex B.1.2 (IACA root certificate), every rule checked, every broken one reported:
 * X.509 v3; positive serial ≤ 20 octets; ECDSA signature; self-signed (issuer = subject, and the
 * signature verifies with its own key); an EC key on an allowed curve; subject countryName
 * (PrintableString, alpha-2) and commonName; valid now, at most 20 years; basicConstraints critical,
 * cA, pathLenConstraint 0; keyUsage critical, exactly keyCertSign + cRLSign; subjectKeyIdentifier;
 * issuerAltName (URI or e-mail); cRLDistributionPoints well-formed when present (DESIGN §10 does not
 * require it of an authority's IACA); authorityKeyIdentifier, if present, equal to the SKI; one of
 * each extension and no unknown critical one.
 */
export function iacaProblems(certificate: ParsedCertificate, now: Date): CertificateProblem[] {
  const { cert, node } = certificate;
  const problems: CertificateProblem[] = [...basicFieldProblems(certificate, B12), ...subjectProblems(certificate, B12)];

  if (!sameBytes(issuerDer(certificate), subjectDer(certificate)) || !node.verify(node.publicKey)) {
    problems.push({
      rule: `${B12} issuer`,
      message: 'an IACA is a self-signed root: its issuer must equal its subject and it must verify with its own key',
      value: cert.issuer,
    });
  }
  const key = ecPublicKeyProblem(certificate, B12);
  if (key) problems.push(key);

  if (cert.notBefore >= cert.notAfter) {
    problems.push({ rule: `${B12} validity`, message: 'notBefore must be before notAfter' });
  } else if (cert.notAfter <= now) {
    problems.push({ rule: `${B12} validity`, message: `the certificate expired on ${cert.notAfter.toISOString()}` });
  } else {
    const limit = new Date(cert.notBefore);
    limit.setUTCFullYear(limit.getUTCFullYear() + IACA_MAX_VALIDITY_YEARS);
    if (cert.notAfter > limit) {
      problems.push({
        rule: `${B12} validity`,
        message: `an IACA may be valid for at most ${IACA_MAX_VALIDITY_YEARS} years`,
        value: `${days(cert.notAfter.getTime() - cert.notBefore.getTime())} days`,
      });
    }
  }

  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  if (!basic || !basic.ca) {
    problems.push({
      rule: `${B12} basicConstraints`,
      message: 'the certificate is not a CA: basicConstraints must be present with cA true',
    });
  } else {
    if (!basic.critical) problems.push({ rule: `${B12} basicConstraints`, message: 'basicConstraints must be critical' });
    if (basic.pathLength !== 0) {
      problems.push({
        rule: `${B12} basicConstraints`,
        message: 'pathLenConstraint must be 0: an IACA signs Document Signers directly, never another CA',
        value: basic.pathLength === undefined ? '(none)' : String(basic.pathLength),
      });
    }
  }

  const usage = cert.getExtension(x509.KeyUsagesExtension);
  const wanted = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
  if (!usage || !usage.critical || usage.usages !== wanted) {
    problems.push({
      rule: `${B12} keyUsage`,
      message: 'keyUsage must be critical and allow exactly keyCertSign and cRLSign',
      ...(usage ? { value: `0x${usage.usages.toString(16)}${usage.critical ? '' : ', not critical'}` } : {}),
    });
  }

  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!ski || ski.critical || ski.keyId === '') {
    problems.push({ rule: `${B12} subjectKeyIdentifier`, message: 'a non-critical subjectKeyIdentifier is required' });
  }
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);
  if (aki?.keyId && ski && aki.keyId !== ski.keyId) {
    problems.push({
      rule: `${B12} authorityKeyIdentifier`,
      message: 'a self-signed IACA must name its own key: the AKI differs from the SKI',
    });
  }
  const ian = issuerAltNameProblem(certificate, B12);
  if (ian) problems.push(ian);
  if (cert.getExtension(x509.CRLDistributionPointsExtension)) {
    const crldp = crlDistributionPointProblem(certificate, B12);
    if (crldp) problems.push(crldp);
  }
  problems.push(...extensionProblems(certificate, B12));
  return problems;
}
