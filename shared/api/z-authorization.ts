import { z } from 'zod';

// POST /v1/openid/offers: an Authorization Code offer (MATTR VII shape, DESIGN §3).
export const zCreateCodeOfferRequest = z.strictObject({
  credentials: z.array(z.string().min(1).max(128)).min(1).max(10),
  request_parameters: z.strictObject({ login_hint: z.string().max(256).optional(), prompt: z.string().max(64).optional() }).optional(),
});
export type CreateCodeOfferRequest = z.input<typeof zCreateCodeOfferRequest>;

export const zCodeOfferSummary = z.object({
  id: z.uuid(),
  uri: z.string(),
  credentials: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export type CodeOfferSummary = z.infer<typeof zCodeOfferSummary>;

export const authorizationStatuses = ['pending', 'approved', 'rejected', 'expired'] as const;
export const zAuthorizationStatus = z.enum(authorizationStatuses);

/** What the clerk sees of a holder waiting at the counter (DESIGN §4). */
export const zAuthorizationSummary = z.object({
  id: z.uuid(),
  shortCode: z.string(),
  credentials: z.array(z.string()),
  clientId: z.string(),
  status: zAuthorizationStatus,
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().optional(),
  offerId: z.string().optional(),
});
export type AuthorizationSummary = z.infer<typeof zAuthorizationSummary>;

export const zApproveAuthorizationRequest = z.strictObject({ claims: z.record(z.string(), z.unknown()) });
