import type { Context } from 'hono';
import type { EngineContext } from '../core/context';
import { listAuthorizations } from '../core/authorization/decide-authorization';
import { liveStream } from './live-stream';

const pending = (ctx: EngineContext) => listAuthorizations(ctx, { status: 'pending', limit: 100 });

// Changes in a burst (a flood of requests at the authorization endpoint) are sent as one update.
const COALESCE_MS = 250;

/** The holders waiting at the counter (the Requests screen): after changes, at most every 250 ms, and every 15 s for expiries. */
export async function streamPendingAuthorizations(ctx: EngineContext, c: Context): Promise<Response> {
  return liveStream(c, {
    event: 'authorizations',
    first: await pending(ctx),
    read: () => pending(ctx),
    subscribe: (wake) => ctx.authorizationChanges.subscribe(wake),
    coalesceMs: COALESCE_MS,
  });
}
