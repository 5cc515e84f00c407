import type { EngineContext } from '../context';
import { sha256 } from '../util/secrets';
import { effectiveAuthorizationStatus } from './authorization-status';
import { codeFromHandle, redirectWith } from './redirects';

export type WaitOutcome =
  | { kind: 'pending'; authorizationId: string; shortCode: string; expiresAt: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'gone' };

/**
 * GET /v1/oauth/authorize/wait/{handle}: the holder's page, until the clerk decides; then back to
 * the request's redirect_uri (approve → `code`, reject or expiry → `error=access_denied`).
 */
export async function waitForDecision(ctx: EngineContext, handle: string): Promise<WaitOutcome> {
  const authorization = handle.length <= 100 ? await ctx.stores.authorizations.getByHandleHash(sha256(handle)) : undefined;
  if (!authorization) return { kind: 'gone' };
  const back = (params: Record<string, string | undefined>) => ({
    kind: 'redirect' as const,
    location: redirectWith(authorization.redirectUri, ctx.settings.credentialIssuer, { ...params, state: authorization.state }),
  });
  switch (effectiveAuthorizationStatus(authorization, ctx.clock.now())) {
    case 'pending':
      return { kind: 'pending', authorizationId: authorization.id, shortCode: authorization.shortCode, expiresAt: authorization.expiresAt };
    case 'approved':
      return back({ code: codeFromHandle(handle) });
    case 'rejected':
      return back({ error: 'access_denied', error_description: 'The request was declined at the counter' });
    default:
      return back({ error: 'access_denied', error_description: 'The request expired before it was approved' });
  }
}
