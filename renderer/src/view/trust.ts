import type { DocumentSigner, IacaDetails } from '../../../shared/api/z-trust';
import type { CounterApiErrorInfo } from '../../../shared/counter-api';
import type { DateFormat } from '../preferences/preferences';
import { formatDateText } from './dates';

// The Trust section of Settings (DESIGN §10), as plain data: what to show and how to say it.

/** A SHA-256 fingerprint as verifiers compare it: upper-case byte pairs, e.g. "AB:CD:…". */
export const formatFingerprint = (hex: string): string => (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');

/** An ISO timestamp as a calendar day (UTC) in the office's date format. */
export const formatDay = (iso: string, format: DateFormat): string => formatDateText(iso.slice(0, 10), format);

/** The key of a signer's status in the catalog (trust.status.*): what it is doing, in words. */
export const signerStatusKey = (signer: Pick<DocumentSigner, 'status' | 'current'>) => (signer.current ? 'current' : signer.status);

/** The IACA a signer is under, by its common name, or its id when it is unknown. */
export function iacaName(iacas: IacaDetails[], id: string): string {
  return iacas.find((i) => i.id === id)?.certificateData.commonName ?? id;
}

/** The certificate fields the engine's Annex B checks name, and their catalog keys (trust.rules.*). */
const RULE_KEYS = {
  version: 'version',
  serialNumber: 'serialNumber',
  signature: 'signature',
  issuer: 'issuer',
  subjectPublicKeyInfo: 'subjectPublicKeyInfo',
  'subject countryName': 'countryName',
  'subject stateOrProvinceName': 'stateOrProvinceName',
  'subject commonName': 'commonName',
  validity: 'validity',
  basicConstraints: 'basicConstraints',
  keyUsage: 'keyUsage',
  extKeyUsage: 'extKeyUsage',
  subjectKeyIdentifier: 'subjectKeyIdentifier',
  authorityKeyIdentifier: 'authorityKeyIdentifier',
  issuerAltName: 'issuerAltName',
  cRLDistributionPoints: 'crlDistributionPoints',
  extensions: 'extensions',
} as const;
export type RuleKey = (typeof RULE_KEYS)[keyof typeof RULE_KEYS];

export interface BrokenRule {
  /** The certificate field as the engine names it (e.g. "extKeyUsage"), or the request field. */
  field: string;
  /** The Annex B section, e.g. "B.1.4", or "B (MSO revocation list signer)". */
  section?: string;
  /** The rule's name in the catalog, when the field is one of Annex B's. */
  key?: RuleKey;
  /** What is wrong, in the engine's words. */
  explanation: string;
  /** What the certificate has instead. */
  value?: string;
}

/**
 * The ISO 18013-5 Annex B rules a refused certificate breaks: the engine names each as
 * "ISO 18013-5 Annex B.1.4 extKeyUsage: …" (one `details` entry per rule), with what the
 * certificate has instead as `value`.
 */
export function brokenRules(error: CounterApiErrorInfo): BrokenRule[] {
  return (error.details ?? []).map((detail) => {
    // "B.1.4 keyUsage", or a profile named in words: "B (MSO revocation list signer) keyUsage" (status-list signers).
    const match = /^ISO 18013-5 Annex (B(?:\.\d)+|B \([^)]+\)) ([^:]+): (.*)$/.exec(detail.msg);
    const value = detail.value && detail.value !== '(none)' ? { value: String(detail.value) } : {};
    if (!match) return { field: detail.param, explanation: detail.msg, ...value };
    const [, section, field, text] = match;
    const key = Object.hasOwn(RULE_KEYS, field!) ? { key: RULE_KEYS[field as keyof typeof RULE_KEYS] } : {};
    return { field: field!, section: section!, ...key, explanation: text!, ...value };
  });
}

/** The file name a downloaded CSR or certificate gets. */
export const downloadName = (kind: 'csr' | 'status-list-csr' | 'iaca', id: string): string =>
  kind === 'csr'
    ? `counter-document-signer-${id}.csr.pem`
    : kind === 'status-list-csr'
      ? `counter-status-list-signer-${id}.csr.pem`
      : `counter-iaca-${id}.pem`;
