import type { EngineContext } from '../context';
import type { PendingCounts } from '../store';

// DESIGN §8: every unauthenticated endpoint that writes is bounded. Per client address, the
// authorization and PAR endpoints take so many requests a minute (a throttled request writes
// nothing, no analytics event either), and so many pending requests at a time, with a cap in all.

/** Why a request was not let in, and when to come back. */
export interface Refusal {
  status: 429 | 503;
  retryAfter: number;
  message: string;
}

/** Checked first, before anything is read or written; counts the request when it is let in. */
export async function throttle(ctx: EngineContext, address: string): Promise<Refusal | undefined> {
  const now = ctx.clock.now();
  const wait = await ctx.authorizeThrottle.retryAfter(address, now);
  if (wait > 0) return { status: 429, retryAfter: wait, message: `Too many requests from this device; try again in ${wait} seconds.` };
  await ctx.authorizeThrottle.recordFailure(address, now);
  return undefined;
}

/** The caps on requests still waiting (pushed, or pending at the counter), `lifetimeSeconds` being how long one waits. */
export function capPending(ctx: EngineContext, counts: PendingCounts, lifetimeSeconds: number): Refusal | undefined {
  const { pendingPerAddress, pendingTotal } = ctx.settings;
  if (counts.fromAddress >= pendingPerAddress)
    return {
      status: 429,
      retryAfter: lifetimeSeconds,
      message: `This device already has ${pendingPerAddress} requests waiting; finish one at the counter first.`,
    };
  if (counts.total >= pendingTotal)
    return { status: 503, retryAfter: lifetimeSeconds, message: 'The counter has too many requests waiting; try again in a few minutes.' };
  return undefined;
}
