import { z } from 'zod';
import { zIssuedCredential } from './z-credential-status';

// DESIGN §3: POST /v1/openid/offers/pre-authorized
export const MAX_OFFER_SECONDS = 600;
export const DEFAULT_OFFER_SECONDS = 300;

export const zTransactionCodeConfiguration = z.strictObject({
  inputMode: z.enum(['numeric', 'text']).default('numeric'),
  description: z.string().min(1).max(300).optional(),
});

export const zOfferExpiresIn = z
  .strictObject({ minutes: z.number().int().min(0).optional(), seconds: z.number().int().min(0).optional() })
  .refine((e) => (e.minutes ?? 0) * 60 + (e.seconds ?? 0) > 0, 'expiresIn must be longer than zero')
  .refine((e) => (e.minutes ?? 0) * 60 + (e.seconds ?? 0) <= MAX_OFFER_SECONDS, 'expiresIn must be at most 10 minutes');

export const zCreatePreAuthorizedOfferRequest = z.strictObject({
  credentials: z.array(z.string().min(1).max(128)).min(1).max(10),
  userId: z.string().min(1).max(256).optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  claimsToPersist: z.array(z.string().min(1).max(128)).max(100).optional(),
  expiresIn: zOfferExpiresIn.optional(),
  transactionCodeConfiguration: zTransactionCodeConfiguration.optional(),
  offerBy: z.enum(['value', 'reference']).default('value'),
});
export type CreatePreAuthorizedOfferRequest = z.input<typeof zCreatePreAuthorizedOfferRequest>;

export const zCreatePreAuthorizedOfferResponse = z.object({
  id: z.uuid(),
  userId: z.string().optional(),
  uri: z.string(),
  expiresAt: z.string(),
  transactionCode: z.union([z.number(), z.string()]).optional(),
});
export type CreatePreAuthorizedOfferResponse = z.infer<typeof zCreatePreAuthorizedOfferResponse>;

export const offerStatuses = ['pending', 'token_issued', 'claimed', 'accepted', 'expired', 'cancelled', 'locked'] as const;
export const zOfferStatus = z.enum(offerStatuses);
export type OfferStatus = z.infer<typeof zOfferStatus>;
/** Statuses after which the offer can never change again. */
export const finalOfferStatuses: readonly OfferStatus[] = ['accepted', 'expired', 'cancelled', 'locked'];

export const zOfferSummary = z.object({
  id: z.uuid(),
  userId: z.string().optional(),
  credentials: z.array(z.string()),
  status: zOfferStatus,
  createdAt: z.string(),
  expiresAt: z.string(),
  scannedAt: z.string().optional(),
  tokenIssuedAt: z.string().optional(),
  claimedAt: z.string().optional(),
  acceptedAt: z.string().optional(),
  /** DESIGN §11: what was issued from it, with each credential's id and status (GET …/{id} only). */
  issuedCredentials: z.array(zIssuedCredential).optional(),
  /** How many mDoc copies the wallet received (a batch, OID4VCI 1.0 §8), once any were issued. */
  issuedCopies: z.number().int().min(1).optional(),
});
export type OfferSummary = z.infer<typeof zOfferSummary>;

export const zOfferList = z.object({ data: z.array(zOfferSummary), nextCursor: z.string().optional() });
export type OfferList = z.infer<typeof zOfferList>;
