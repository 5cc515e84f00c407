import { z } from 'zod';
import { zDeploymentWarning } from './z-operations';
import { zTrustSummary } from './z-trust';

// GET /v1/counter/settings (extension): what the counter UI needs to know about its engine.
export const zCounterSettings = z.object({
  credentialIssuer: z.string(),
  defaultOfferSeconds: z.number().int().positive(),
  maxOfferSeconds: z.number().int().positive(),
  /** DESIGN §13: what to fix before wallets trip over it (the Settings screen shows these). */
  warnings: z.array(zDeploymentWarning).default([]),
  trust: zTrustSummary,
});
export type CounterSettings = z.infer<typeof zCounterSettings>;

// GET /v1/mdoc/iacas (public, DESIGN §4): the IACA roots verifiers need.
export const zIaca = z.object({ id: z.string(), certificatePem: z.string() });
export type Iaca = z.infer<typeof zIaca>;
export const zIacaList = z.object({ iacas: z.array(zIaca) });
