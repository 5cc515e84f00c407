import { z } from 'zod';

// Operations (DESIGN §13): the probes a load balancer or an orchestrator asks, on the clerk's listener.

/** Something a branch's IT should fix before wallets trip over it (a certificate about to expire, say). */
export const zDeploymentWarning = z.object({
  code: z.enum(['CertificateExpiring', 'CertificateExpired', 'PublicUrlIsIpAddress', 'PublicUrlNotHttps']),
  message: z.string(),
});
export type DeploymentWarning = z.infer<typeof zDeploymentWarning>;

/** GET /healthz: the process is alive and answering. */
export const zHealth = z.object({ status: z.literal('ok') });

const zCheck = z.object({ ok: z.literal(true) });

/**
 * GET /readyz, 200: the database answers and the issuer keys are loaded and valid; warnings do not
 * make it unready. When not ready it answers 503 `{code: "NotReady", message, details}` instead.
 */
export const zReadiness = z.object({
  status: z.literal('ready'),
  checks: z.object({
    database: zCheck,
    keys: zCheck.extend({ documentSignerNotAfter: z.iso.datetime() }),
  }),
  warnings: z.array(zDeploymentWarning),
});
export type Readiness = z.infer<typeof zReadiness>;
