import type { EngineContext } from '../context';
import { currentDeploymentWarnings } from '../ops/readiness';
import { trustSummary } from '../trust/trust-views';

/** What the counter UI needs to know about this kiosk (extension, read-only). */
export function counterSettings(ctx: EngineContext) {
  return {
    credentialIssuer: ctx.settings.credentialIssuer,
    displayName: ctx.settings.displayName,
    defaultOfferSeconds: ctx.settings.defaultOfferSeconds,
    maxOfferSeconds: ctx.settings.maxOfferSeconds,
    warnings: currentDeploymentWarnings(ctx),
    trust: trustSummary(ctx.trust, ctx.settings.country, ctx.clock.now()),
  };
}
