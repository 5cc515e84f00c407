import { z } from 'zod';

// DESIGN §13: the Electron kiosk can use a branch server instead of its embedded engine.

/** What the clerk (or IT) types in Settings: the branch server's clerk URL and an issuer token for it. */
export const zBranchServerSettings = z.object({
  url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  token: z.string().min(1).max(4096),
});
export type BranchServerSettings = z.infer<typeof zBranchServerSettings>;

/** Which engine the kiosk uses now. */
export const zKioskEngineMode = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('embedded') }),
  z.object({ mode: z.literal('branch'), url: z.string() }),
]);
export type KioskEngineMode = z.infer<typeof zKioskEngineMode>;
