import type { EngineContext } from '../context';
import { currentDeploymentWarnings } from '../ops/readiness';

/** What the counter UI needs to know about this kiosk (extension, read-only). */
export function counterSettings(ctx: EngineContext) {
  return {
    credentialIssuer: ctx.settings.credentialIssuer,
    displayName: ctx.settings.displayName,
    defaultOfferSeconds: ctx.settings.defaultOfferSeconds,
    maxOfferSeconds: ctx.settings.maxOfferSeconds,
    warnings: currentDeploymentWarnings(ctx),
    documentSigner: {
      notBefore: ctx.keys.documentSigner.notBefore.toISOString(),
      notAfter: ctx.keys.documentSigner.notAfter.toISOString(),
    },
  };
}
