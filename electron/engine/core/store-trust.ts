// The trust port (DESIGN §10): IACAs, signer keys with their CSRs and certificates, CRLs. Part of
// the engine's ports to storage (./store.ts), which re-exports it.
import type { KeyRef } from './signing/key-ref';

/** An IACA the kiosk signs under (DESIGN §10): managed (its key is ours) or an authority's (unmanaged). */
export interface IacaRecord {
  id: string;
  managed: boolean;
  active: boolean;
  certificateDer: Uint8Array;
  /** SHA-256 of the certificate, lower-case hex: one record per certificate. */
  fingerprint: string;
  /** Managed IACAs only. */
  keyRef?: KeyRef;
  createdAt: number;
  updatedAt: number;
}

/** Which signer certificate profile a signer key is for (keys/certificate-profiles.ts): mDocs, or Status List Tokens (DESIGN §11). */
export type SignerKind = 'document_signer' | 'status_list_signer';

/** A signer key under an IACA, with its CSR and, once issued, its certificate. */
export interface SignerRecord {
  id: string;
  kind: SignerKind;
  iacaId: string;
  keyRef: KeyRef;
  publicKeySpki: Uint8Array;
  csrDer: Uint8Array;
  certificate?: { der: Uint8Array; serialNumber: string; notBefore: number; notAfter: number; installedAt: number };
  active: boolean;
  createdAt: number;
  revokedAt?: number;
}

export interface CrlRecord {
  iacaId: string;
  number: number;
  der: Uint8Array;
  thisUpdate: number;
  nextUpdate: number;
}

export type InstallOutcome = 'installed' | 'already_installed' | 'revoked' | 'not_found';
export type RevokeOutcome = 'revoked' | 'already_revoked' | 'not_found';

export interface TrustStore {
  /** Oldest first. */
  listIacas(): Promise<IacaRecord[]>;
  getIaca(id: string): Promise<IacaRecord | undefined>;
  /** false when an IACA with this fingerprint is already registered. */
  insertIaca(iaca: IacaRecord): Promise<boolean>;
  setIacaActive(id: string, active: boolean, now: number): Promise<boolean>;
  /** Oldest first. */
  listSigners(query: { kind: SignerKind; iacaId?: string }): Promise<SignerRecord[]>;
  getSigner(id: string): Promise<SignerRecord | undefined>;
  insertSigner(signer: SignerRecord): Promise<void>;
  /** Only once, and never after revocation; the signer becomes active in the same step. */
  installCertificate(id: string, certificate: NonNullable<SignerRecord['certificate']>): Promise<InstallOutcome>;
  /** false when unknown, revoked, or without a certificate (only an issued signer can be switched on). */
  setSignerActive(id: string, active: boolean): Promise<boolean>;
  /** For good: revoked signers are inactive and stay so. */
  revokeSigner(id: string, now: number): Promise<RevokeOutcome>;
  getCrl(iacaId: string): Promise<CrlRecord | undefined>;
  /** Keeps it only when its number is above the stored one's, so concurrent writers never go backwards; false if not kept. */
  saveCrl(crl: CrlRecord): Promise<boolean>;
}
