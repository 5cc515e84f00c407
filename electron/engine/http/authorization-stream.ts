import type { Context } from 'hono';
import type { EngineContext } from '../core/context';
import { pendingAuthorizationsSource } from '../core/live/live-sources';
import { liveStream } from './live-stream';

/** The holders waiting at the counter (the Requests screen). */
export async function streamPendingAuthorizations(ctx: EngineContext, c: Context): Promise<Response> {
  return liveStream(c, 'authorizations', await pendingAuthorizationsSource(ctx));
}
