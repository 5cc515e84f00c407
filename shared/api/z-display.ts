import { z } from 'zod';
import { zOfferStatus } from './z-pre-authorized-offer';

// The customer-facing display (DESIGN §14): a browser page at /display, paired to a clerk by a
// short code the display shows and the clerk types; it then shows the QR, code and countdown of
// that clerk's offer, and nothing else.

export const zCreatedDisplay = z.object({
  id: z.uuid(),
  /** The display's own bearer token for its event stream (kept in that page only). */
  token: z.string(),
  /** Six digits the clerk types to pair (valid until expiresAt). */
  pairingCode: z.string().regex(/^\d{6}$/),
  expiresAt: z.string(),
});
export type CreatedDisplay = z.infer<typeof zCreatedDisplay>;

export const zPairDisplayRequest = z.strictObject({ pairingCode: z.string().regex(/^\d{6}$/, 'must be the 6 digits the display shows') });
export const zPairedDisplay = z.object({ id: z.uuid() });

export const zShowOnDisplayRequest = z.strictObject({
  offerId: z.uuid(),
  uri: z.string().min(1).max(4096),
  transactionCode: z.string().min(1).max(20).optional(),
  credentialName: z.string().min(1).max(100),
});
export type ShowOnDisplayRequest = z.infer<typeof zShowOnDisplayRequest>;

/** What the display shows now. The QR and the code only while the offer waits for the wallet. */
export const zDisplayState = z.object({
  paired: z.boolean(),
  pairingCode: z.string().optional(),
  offer: z
    .object({
      credentialName: z.string(),
      status: zOfferStatus,
      uri: z.string().optional(),
      transactionCode: z.string().optional(),
      /** Seconds left when this state was sent (the display counts down on its own clock). */
      secondsLeft: z.number().int().min(0),
    })
    .optional(),
});
export type DisplayState = z.infer<typeof zDisplayState>;
