import { z } from 'zod';

// DESIGN §10: IACAs and Document Signers in MATTR VII's shapes (/v2/credentials/mobile/iacas,
// /v2/credentials/mobile/document-signers), plus the few read-only fields the Trust screen needs.

const zIsoDate = z.iso.datetime({ offset: true });
const zPem = z.string().min(1).max(20_000);
const zCountry = z.string().regex(/^[A-Z]{2}$/, 'an upper-case ISO 3166-1 alpha-2 code such as "DE"');

export const zCertificateData = z.object({
  notBefore: zIsoDate,
  notAfter: zIsoDate,
  country: z.string(),
  commonName: z.string(),
  stateOrProvinceName: z.string().optional(),
  serialNumber: z.string(),
});
export type CertificateData = z.infer<typeof zCertificateData>;

export const zIacaDetails = z.object({
  id: z.uuid(),
  active: z.boolean(),
  managed: z.boolean(),
  certificatePem: z.string(),
  certificateData: zCertificateData,
  /** SHA-256 of the DER certificate, lower-case hex. */
  certificateFingerprint: z.string(),
  /** Managed IACAs: where verifiers fetch its CRL. */
  crlUri: z.string().optional(),
});
export type IacaDetails = z.infer<typeof zIacaDetails>;
export const zIacaDetailsList = z.object({ data: z.array(zIacaDetails), nextCursor: z.string().optional() });

/** POST /v2/credentials/mobile/iacas: an authority's certificate, or (without one) a managed IACA. */
export const zCreateIacaRequest = z.union([
  z.strictObject({ certificatePem: zPem }),
  z.strictObject({
    commonName: z.string().trim().min(1).max(64).optional(),
    country: zCountry.optional(),
    stateOrProvinceName: z.string().trim().min(1).max(64).optional(),
    notAfter: zIsoDate.or(z.iso.date()).optional(),
  }),
]);
export type CreateIacaRequest = z.infer<typeof zCreateIacaRequest>;

export const zUpdateIacaRequest = z.strictObject({ active: z.boolean() });

/** Where a Document Signer's key is: `file` (sealed in the data dir) or `pkcs11` (in the token). */
export const zKeyCustody = z.enum(['file', 'pkcs11']);

/**
 * pending: a CSR waits for the authority's certificate; active: signs new mDocs when it is the newest
 * of an active IACA; inactive: switched off; expiring: active but needs a new certificate by `renewBy`;
 * expired; revoked.
 */
export const zDocumentSignerStatus = z.enum(['pending', 'active', 'inactive', 'expiring', 'expired', 'revoked']);
export type DocumentSignerStatus = z.infer<typeof zDocumentSignerStatus>;

export const zDocumentSigner = z.object({
  id: z.uuid(),
  iacaId: z.uuid(),
  active: z.boolean(),
  managed: z.boolean(),
  status: zDocumentSignerStatus,
  keyCustody: zKeyCustody,
  csrPem: z.string(),
  certificatePem: z.string().optional(),
  certificateData: zCertificateData.optional(),
  certificateFingerprint: z.string().optional(),
  /** Whether it signs now: new mDocs (a Document Signer), or Status List Tokens whenever the setting has status-list signers sign them (DESIGN §11). */
  current: z.boolean(),
  /** Set when it needs replacing: by then a new certificate must be installed (DESIGN §10 rotation). */
  renewBy: zIsoDate.optional(),
  revoked: z.boolean().optional(),
  revocationDate: zIsoDate.optional(),
  createdAt: zIsoDate,
});
export type DocumentSigner = z.infer<typeof zDocumentSigner>;
export const zDocumentSignerList = z.object({ data: z.array(zDocumentSigner), nextCursor: z.string().optional() });

export const zCreateDocumentSignerRequest = z.strictObject({ iacaId: z.uuid() });

/** PUT …/document-signers/{id}: install the authority's certificate, and/or switch it on or off. */
export const zUpdateDocumentSignerRequest = z
  .strictObject({ certificatePem: zPem.optional(), active: z.boolean().optional() })
  .refine((body) => body.certificatePem !== undefined || body.active !== undefined, 'give certificatePem, active, or both');
export type UpdateDocumentSignerRequest = z.infer<typeof zUpdateDocumentSignerRequest>;

export const zRevokeDocumentSignerResponse = z.object({ revoked: z.literal(true), revocationDate: zIsoDate });

/** What needs doing about trust, and by when (DESIGN §10 rotation); `message` says it in English. */
export const zTrustNotice = z.object({
  code: z.enum(['NoSigner', 'IacaExpiring', 'IacaHasNoSigner', 'SignerNeedsCertificate']),
  message: z.string(),
  /** The IACA it is about (its commonName). */
  iacaName: z.string().optional(),
  /** IacaExpiring: when the IACA ends; SignerNeedsCertificate: when its last Document Signer ends. */
  date: zIsoDate.optional(),
});
export type TrustNotice = z.infer<typeof zTrustNotice>;

/** The signing state of the kiosk at a glance (in GET /v1/counter/settings, for every role). */
export const zTrustSummary = z.object({
  /** The country new managed IACAs get (one setting, DESIGN §10). */
  country: z.string(),
  /** Where new signer keys are generated, e.g. `PKCS#11 token "counter" (…)`. */
  signerKeyCustody: z.string(),
  /** The same as a kind: key files in the data dir, or the PKCS#11 token. */
  signerKeyKind: zKeyCustody,
  /** The Document Signer new mDocs are signed with, if any. */
  documentSigner: z
    .object({
      id: z.string(),
      iacaId: z.string(),
      notBefore: zIsoDate,
      notAfter: zIsoDate,
      certificateFingerprint: z.string(),
      keyCustody: zKeyCustody,
    })
    .optional(),
  /** Warnings for the clerk-admin: a signer that needs a new certificate by a date, an IACA about to expire. */
  notices: z.array(zTrustNotice),
});
export type TrustSummary = z.infer<typeof zTrustSummary>;
