import { z } from 'zod';
import { zApiRole } from './z-api-token';

// Clerks who sign in as themselves at the counter (DESIGN §14): an admin creates them with a name
// and a PIN; a clerk's session has the issuer role, and every event records which clerk acted.

export const zClerkName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(60)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');
/** A PIN of 4 to 12 digits: typed on a keypad, guessed only slowly (throttled, then locked). */
export const zClerkPin = z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits');

export const zCreateClerkRequest = z.strictObject({ name: zClerkName, pin: zClerkPin });
export const zClerkPinRequest = z.strictObject({ pin: zClerkPin });
export const zClerkSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  /** Locked after too many wrong PINs, until this time (or until an admin sets a new PIN). */
  lockedUntil: z.string().optional(),
});
export type ClerkSummary = z.infer<typeof zClerkSummary>;
export const zClerkList = z.object({ data: z.array(zClerkSummary) });

export const zClerkSignInRequest = z.strictObject({ name: zClerkName, pin: z.string().min(1).max(40) });
export const zClerkSession = z.object({
  /** A bearer token for the management API with the issuer role, until expiresAt or sign-out. */
  token: z.string(),
  clerk: z.object({ id: z.uuid(), name: z.string() }),
  role: z.literal('issuer'),
  expiresAt: z.string(),
});
export type ClerkSession = z.infer<typeof zClerkSession>;

/**
 * GET /v1/counter/session: who the bearer of this token is. `kiosk`: the Electron kiosk itself,
 * calling its own engine in-process with the issuer role (DESIGN §8).
 */
export const zWhoAmI = z.object({
  kind: z.enum(['clerk', 'token', 'kiosk']),
  name: z.string(),
  role: zApiRole,
  clerkId: z.uuid().optional(),
});
export type WhoAmI = z.infer<typeof zWhoAmI>;
