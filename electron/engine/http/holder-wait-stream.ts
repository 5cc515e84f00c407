import type { Context } from 'hono';
import type { z } from 'zod';
import type { zHolderWaitStatus } from '../../../shared/api/z-wallet';
import type { EngineContext } from '../core/context';
import { OAuthError } from '../core/errors/oauth-error';
import { waitForDecision, type WaitOutcome } from '../core/authorization/wait-for-decision';
import { holderTextFor, type HolderText } from './holder-text';
import { liveStream } from './live-stream';

type WaitStatus = z.infer<typeof zHolderWaitStatus>;

export const minutesLeft = (expiresAt: number, now: number) => Math.max(1, Math.ceil((expiresAt - now) / 60_000));

const view = (t: HolderText, outcome: WaitOutcome, now: number): WaitStatus =>
  outcome.kind === 'pending' ? { decided: false, expires: t.expiresIn(minutesLeft(outcome.expiresAt, now)) } : { decided: true };

/**
 * The holder's wait page, live (DESIGN §8, §14): the time left, then `decided` once the clerk has
 * approved or rejected (or the request expired), after which the stream ends.
 */
export async function streamHolderWait(ctx: EngineContext, c: Context, handle: string): Promise<Response> {
  const t = holderTextFor(c);
  const first = await waitForDecision(ctx, handle);
  if (first.kind === 'gone') throw new OAuthError(404, 'invalid_request', t.problems.unknownRequest);
  return liveStream(c, 'status', {
    first: view(t, first, ctx.clock.now()),
    read: async () => view(t, await waitForDecision(ctx, handle), ctx.clock.now()),
    subscribe: (wake) => (first.kind === 'pending' ? ctx.offerChanges.subscribe(first.authorizationId, wake) : () => {}),
    isFinal: (status) => status.decided,
    // The minutes left change with time, and expiry is a time, not an event.
    recheckInMs: () => (first.kind === 'pending' ? Math.min(60_000, first.expiresAt - ctx.clock.now() + 50) : 0),
  });
}
