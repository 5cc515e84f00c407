import { z } from 'zod';

// DESIGN §11: the status of issued mDocs (MATTR VII shapes) and the status list documents.

export const zCredentialStatus = z.enum(['valid', 'invalid']);
export type CredentialStatus = z.infer<typeof zCredentialStatus>;

/** Why a credential was made invalid: a code (never free text, so no holder data ends up stored with it). */
export const statusReasons = ['lost_or_stolen', 'suspended', 'superseded', 'issued_in_error', 'holder_request', 'other'] as const;
export const zStatusReason = z.enum(statusReasons);
export type StatusReason = z.infer<typeof zStatusReason>;

/** POST /v2/credentials/mobile/{credentialId}/status. `invalid` is final. */
export const zSetCredentialStatusRequest = z.strictObject({ status: zCredentialStatus, reason: zStatusReason.optional() });
export type SetCredentialStatusRequest = z.infer<typeof zSetCredentialStatusRequest>;
export const zCredentialStatusResponse = z.object({ status: zCredentialStatus });

export const zIssuedCredential = z.object({
  id: z.string(),
  offerId: z.string(),
  userId: z.string().optional(),
  configurationId: z.string(),
  docType: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
  status: zCredentialStatus,
  statusReason: zStatusReason.optional(),
  statusChangedAt: z.string().optional(),
  /** The entry the MSO names (ISO 18013-5 2nd ed. §12.3.6), when it has one. */
  statusList: z.object({ idx: z.number().int(), uri: z.string() }).optional(),
});
export type IssuedCredential = z.infer<typeof zIssuedCredential>;
export const zIssuedCredentialList = z.object({ data: z.array(zIssuedCredential), nextCursor: z.string().optional() });
export type IssuedCredentialList = z.infer<typeof zIssuedCredentialList>;

/** GET /v2/credentials/mobile/status-lists/distribution (public). */
export const zStatusListDistribution = z.object({ status_lists: z.array(z.string()) });

/** DESIGN §11 setting: Status List Tokens signed by a status-list signer (the default), or by the Document Signer's own certificate. */
export const zStatusListSignWith = z.enum(['status-list-signer', 'document-signer']);
export type StatusListSignWith = z.infer<typeof zStatusListSignWith>;
export const zUpdateStatusListSettingsRequest = z.strictObject({ signWith: zStatusListSignWith });

/** The Settings screen's view of each list: when its token was signed and published, and what to fix. */
export const zStatusListSummary = z.object({
  id: z.string(),
  uri: z.string(),
  /** The IACA its mDocs (and its token's signer) are under. */
  iacaId: z.string(),
  size: z.number().int(),
  allocated: z.number().int(),
  tokenIssuedAt: z.string().optional(),
  tokenExpiresAt: z.string().optional(),
  publishedAt: z.string().optional(),
  publishedTo: z.string().optional(),
  publishedExpiresAt: z.string().optional(),
});
/** What needs doing, by code for the UI's words, with the English message for API users. */
export const zStatusListWarning = z.object({
  code: z.enum([
    'NoSigner',
    'DocumentSignerSigns',
    'OtherIacaSigns',
    'TokenExpired',
    'NotPublished',
    'PublishedExpired',
    'PublishedExpiring',
  ]),
  message: z.string(),
  listId: z.string().optional(),
  /** TokenExpired, PublishedExpired, PublishedExpiring: the exp in question. */
  date: z.string().optional(),
});
export type StatusListWarning = z.infer<typeof zStatusListWarning>;

export const zStatusListOverview = z.object({
  /** The setting. */
  signWith: zStatusListSignWith,
  /** Who signs new tokens now: by the setting, or the Document Signer while no status-list signer can sign. */
  signer: z.object({ kind: z.enum(['status-list-signer', 'document-signer']), id: z.string(), notAfter: z.string() }).optional(),
  baseUrl: z.string().optional(),
  lists: z.array(zStatusListSummary),
  warnings: z.array(zStatusListWarning),
});
export type StatusListOverview = z.infer<typeof zStatusListOverview>;
