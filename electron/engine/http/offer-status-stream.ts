import type { Context } from 'hono';
import type { EngineContext } from '../core/context';
import { offerStatusSource } from '../core/live/live-sources';
import { liveStream } from './live-stream';

/** Live status of one offer (the counter's Offer screen): closes after a final status. */
export async function streamOfferStatus(ctx: EngineContext, c: Context, id: string): Promise<Response> {
  return liveStream(c, 'status', await offerStatusSource(ctx, id)); // 400/404 before the stream starts
}
