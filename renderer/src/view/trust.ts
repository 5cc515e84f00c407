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

/**
 * The ISO 18013-5 Annex B rules a refused certificate breaks: the engine names each as
 * "ISO 18013-5 Annex B.1.4 extKeyUsage: …" (one `details` entry per rule), with what the
 * certificate has instead as `value`.
 */
export function brokenRules(error: CounterApiErrorInfo): { rule: string; explanation: string; value?: string }[] {
  return (error.details ?? []).map((detail) => {
    const match = /^ISO 18013-5 Annex (B\.\d\.\d) ([^:]+): (.*)$/.exec(detail.msg);
    const value = detail.value && detail.value !== '(none)' ? { value: String(detail.value) } : {};
    if (!match) return { rule: detail.param, explanation: detail.msg, ...value };
    const [, section, field, text] = match;
    return { rule: `${field} (Annex ${section})`, explanation: text!, ...value };
  });
}

/** The file name a downloaded CSR or certificate gets. */
export const downloadName = (kind: 'csr' | 'iaca', id: string): string =>
  kind === 'csr' ? `counter-document-signer-${id}.csr.pem` : `counter-iaca-${id}.pem`;
