import type { CertificateData, DocumentSigner, IacaDetails, TrustSummary } from '../../../../shared/api/z-trust';
import { sha256Fingerprint, type ParsedCertificate } from '../../keys/checks/certificate-facts';
import { pemEncode } from '../../keys/pem';
import { crlUriFor } from './managed-issuance';
import type { TrustService } from './trust-service';
import { currentSignerOf, signerStatus, trustNotices, type LoadedIaca, type LoadedSigner } from './trust-state';

export function certificateData(certificate: ParsedCertificate): CertificateData {
  const { cert } = certificate;
  const state = cert.subjectName.getField('ST')[0];
  return {
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    country: cert.subjectName.getField('C')[0] ?? '',
    commonName: cert.subjectName.getField('CN')[0] ?? '',
    ...(state ? { stateOrProvinceName: state } : {}),
    serialNumber: cert.serialNumber,
  };
}

/** DESIGN §10 IACA shape (MATTR VII), plus the CRL URI of a managed one. */
export function iacaView(iaca: LoadedIaca, credentialIssuer: string): IacaDetails {
  return {
    id: iaca.record.id,
    active: iaca.record.active,
    managed: iaca.record.managed,
    certificatePem: pemEncode(iaca.record.certificateDer, 'CERTIFICATE'),
    certificateData: certificateData(iaca.certificate),
    certificateFingerprint: iaca.record.fingerprint,
    ...(iaca.record.managed ? { crlUri: crlUriFor(credentialIssuer, iaca.record.id) } : {}),
  };
}

/** DESIGN §10 Document Signer shape (MATTR VII), plus its status, custody and renewal date; status-list signers have the same (DESIGN §11). */
export function signerView(trust: TrustService, signer: LoadedSigner, now: number): DocumentSigner {
  const state = trust.snapshot;
  const { record } = signer;
  const iaca = state.iacas.find((i) => i.record.id === record.iacaId);
  const status = signerStatus(state, signer, now, trust.policy);
  return {
    id: record.id,
    iacaId: record.iacaId,
    active: record.active,
    managed: iaca?.record.managed ?? false,
    status,
    keyCustody: record.keyRef.custody,
    csrPem: pemEncode(record.csrDer, 'CERTIFICATE REQUEST'),
    ...(signer.certificate
      ? {
          certificatePem: pemEncode(signer.certificate.der, 'CERTIFICATE'),
          certificateData: certificateData(signer.certificate),
          certificateFingerprint: sha256Fingerprint(signer.certificate),
        }
      : {}),
    current:
      record.kind === 'document_signer'
        ? currentSignerOf(state, now)?.record.id === record.id
        : trust.currentStatusListSigner(now)?.id === record.id,
    ...(status === 'expiring' ? { renewBy: new Date(record.certificate!.notAfter).toISOString() } : {}),
    ...(record.revokedAt !== undefined ? { revoked: true, revocationDate: new Date(record.revokedAt).toISOString() } : {}),
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

export function trustSummary(trust: TrustService, country: string, now: number): TrustSummary {
  const state = trust.snapshot;
  const current = currentSignerOf(state, now);
  return {
    country,
    signerKeyCustody: trust.deps.vault.signerKeys.description,
    signerKeyKind: trust.deps.vault.signerKeys.kind,
    ...(current?.certificate
      ? {
          documentSigner: {
            id: current.record.id,
            iacaId: current.record.iacaId,
            notBefore: current.certificate.cert.notBefore.toISOString(),
            notAfter: current.certificate.cert.notAfter.toISOString(),
            certificateFingerprint: sha256Fingerprint(current.certificate),
            keyCustody: current.record.keyRef.custody,
          },
        }
      : {}),
    notices: trustNotices(state, now, trust.policy),
  };
}
