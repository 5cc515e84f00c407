import type { DeploymentWarning, Readiness } from '../../../../shared/api/z-operations';
import type { EngineContext } from '../context';
import { ManagementError } from '../errors/management-error';
import { deploymentWarnings } from './deployment-warnings';

export function currentDeploymentWarnings(ctx: Pick<EngineContext, 'settings' | 'clock' | 'tlsCertificate'>): DeploymentWarning[] {
  const certificate = ctx.tlsCertificate?.();
  return deploymentWarnings({
    publicUrl: ctx.settings.credentialIssuer,
    ...(certificate ? { certificateNotAfter: certificate.notAfter } : {}),
    now: ctx.clock.now(),
  });
}

/**
 * GET /readyz (DESIGN §13): ready when storage answers (PostgreSQL: the server and the change
 * feed's connection) and the issuer keys are loaded with a Document Signer valid now. Otherwise a
 * 503 naming each failed check, so a load balancer sends wallets to another process meanwhile.
 * Deployment warnings are reported but do not make a process unready.
 */
export async function readiness(ctx: EngineContext): Promise<Readiness> {
  const problems: { param: string; msg: string }[] = [];
  const storage = await ctx.stores.health();
  if (!storage.ok) problems.push({ param: 'database', msg: storage.problem });
  // DESIGN §10: the Document Signer new mDocs would be signed with (an active one of an active IACA, valid now).
  const signer = ctx.trust.currentSigner(ctx.clock.now());
  if (!signer) problems.push({ param: 'keys', msg: 'No Document Signer can sign now (none active under an active IACA and valid now)' });
  if (problems.length > 0) {
    throw new ManagementError(
      503,
      'NotReady',
      `Not ready: ${problems.map((p) => p.msg).join('; ')}`,
      problems.map((p) => ({ msg: p.msg, param: p.param, location: 'readiness' })),
    );
  }
  return {
    status: 'ready',
    checks: { database: { ok: true }, keys: { ok: true, documentSignerNotAfter: signer!.notAfter.toISOString() } },
    warnings: currentDeploymentWarnings(ctx),
  };
}
