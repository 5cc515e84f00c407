import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import { parseCertificateDer, sha256Fingerprint } from '../../keys/checks/certificate-facts';
import { SIGNER_PROFILES, iacaValidity, signerValidity, subjectName } from '../../keys/certificate-profiles';
import { createIacaCertificate, createSignerCsr, issueSignerCertificate } from '../../keys/x509/build-certificates';
import type { Es256Signer } from '../signing/es256-signer';
import type { KeyVault } from '../signing/key-custody';
import type { IacaRecord, SignerKind, SignerRecord } from '../store';
import type { RandomSource } from '../util/secrets';
import type { LoadedIaca, LoadedSigner } from './trust-state';

/** What making keys and certificates needs (DESIGN §10), handed in by the trust service. */
export interface IssuanceDeps {
  vault: KeyVault;
  random: RandomSource;
  /** The credential issuer URL: the managed IACA's issuerAltName and the base of its CRL URI. */
  credentialIssuer: string;
  /** Common names are "<displayName> IACA" and "<displayName> Document Signer". */
  displayName: string;
}

/** DESIGN §10: the CRL of IACA `id`, served by the kiosk (public, wallet-facing listener). */
export const crlUriFor = (credentialIssuer: string, iacaId: string) => `${credentialIssuer}/v2/credentials/mobile/iacas/${iacaId}/crl`;

export interface ManagedIacaOptions {
  now: number;
  country: string;
  commonName?: string;
  stateOrProvinceName?: string;
  notAfter?: Date;
  active: boolean;
}

/** A managed IACA: its key in a file (sealed by the KeyProtection), its self-signed certificate (Annex B.1.2). */
export async function createManagedIaca(
  deps: IssuanceDeps,
  options: ManagedIacaOptions,
): Promise<{ iaca: LoadedIaca; signer: Es256Signer }> {
  const commonName = options.commonName ?? `${deps.displayName.trim()} IACA`;
  subjectName(commonName, options.country, options.stateOrProvinceName); // a bad country fails before any key is made
  const id = deps.random.uuid();
  const key = await deps.vault.files.generate(`iaca-${id}`);
  const certificate = await createIacaCertificate({
    key,
    commonName,
    country: options.country,
    ...(options.stateOrProvinceName ? { stateOrProvinceName: options.stateOrProvinceName } : {}),
    validity: iacaValidity(new Date(options.now), options.notAfter),
    issuerAltNameUri: deps.credentialIssuer,
    crlUri: crlUriFor(deps.credentialIssuer, id),
    random: deps.random,
  });
  const parsed = parseCertificateDer(new Uint8Array(certificate.rawData));
  const record: IacaRecord = {
    id,
    managed: true,
    active: options.active,
    certificateDer: parsed.der,
    fingerprint: sha256Fingerprint(parsed),
    keyRef: key.ref,
    createdAt: options.now,
    updatedAt: options.now,
  };
  return { iaca: { record, certificate: parsed }, signer: key.signer };
}

/** "Document Signer" or "Status List Signer": in messages, labels and common names. */
export const signerName = (kind: SignerKind): string => SIGNER_PROFILES[kind].name;

/** Key names (file names, token labels) start with the kind: `ds-…`, `sl-…`. */
const KEY_PREFIX: Record<SignerKind, string> = { document_signer: 'ds', status_list_signer: 'sl' };

/**
 * A new signer key of `kind` (in the token when one is configured) and its PKCS#10 CSR under `iaca`:
 * the first half of the key + CSR → checked certificate flow, the same for managed and authority
 * IACAs, and for Document Signers and status-list signers (DESIGN §10, §11).
 */
export async function createSignerKey(
  deps: IssuanceDeps,
  iaca: LoadedIaca,
  now: number,
  kind: SignerKind = 'document_signer',
): Promise<LoadedSigner> {
  const id = deps.random.uuid();
  const key = await deps.vault.signerKeys.generate(`${KEY_PREFIX[kind]}-${id}`);
  const csr = await createSignerCsr({
    key,
    commonName: `${deps.displayName.trim()} ${signerName(kind)}`,
    iaca: iaca.certificate.cert,
  });
  const record: SignerRecord = {
    id,
    kind,
    iacaId: iaca.record.id,
    keyRef: key.ref,
    publicKeySpki: key.publicKeySpki,
    csrDer: new Uint8Array(csr.rawData),
    active: false,
    createdAt: now,
  };
  return { record, signer: key.signer };
}

/** A managed IACA signs a signer's CSR at once (its kind's Annex B profile, CRL distribution point = its own CRL). */
export async function certifyWithManagedIaca(
  deps: IssuanceDeps,
  iaca: LoadedIaca,
  iacaSigner: Es256Signer,
  signer: LoadedSigner,
  now: number,
): Promise<NonNullable<SignerRecord['certificate']>> {
  const profile = SIGNER_PROFILES[signer.record.kind];
  const certificate = await issueSignerCertificate({
    csr: new x509.Pkcs10CertificateRequest(new Uint8Array(signer.record.csrDer)),
    iaca: iaca.certificate.cert,
    iacaSigner,
    profile,
    validity: signerValidity(new Date(now), iaca.certificate.cert.notAfter, profile),
    crlUri: crlUriFor(deps.credentialIssuer, iaca.record.id),
    random: deps.random,
  });
  return {
    der: new Uint8Array(certificate.rawData),
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore.getTime(),
    notAfter: certificate.notAfter.getTime(),
    installedAt: now,
  };
}
