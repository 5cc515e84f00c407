import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { finalOfferStatuses } from '../../../shared/api/z-pre-authorized-offer';
import type { EngineContext } from '../core/context';
import { getOffer } from '../core/offers/manage-offers';

const HEARTBEAT_MS = 15_000;

/**
 * Live status of one offer as server-sent events: the current summary at once, then one per
 * change (the engine signals changes; expiry is a timer), closing after a final status.
 */
export async function streamOfferStatus(ctx: EngineContext, c: Context, id: string): Promise<Response> {
  let summary = await getOffer(ctx, id); // 400/404 before the stream starts
  c.header('Cache-Control', 'no-store');
  return streamSSE(c, async (stream) => {
    let wake: () => void = () => {};
    const unsubscribe = ctx.offerChanges.subscribe(summary.id, () => wake());
    stream.onAbort(() => wake());
    try {
      let last = '';
      while (!stream.aborted) {
        const json = JSON.stringify(summary);
        if (json !== last) {
          await stream.writeSSE({ event: 'status', data: json });
          last = json;
        }
        if (finalOfferStatuses.includes(summary.status)) break;
        const untilExpiry = Math.max(0, Date.parse(summary.expiresAt) - ctx.clock.now()) + 50;
        await new Promise<void>((resolve) => {
          const timers = [setTimeout(resolve, Math.min(untilExpiry, HEARTBEAT_MS)), setTimeout(resolve, HEARTBEAT_MS)];
          wake = () => {
            timers.forEach(clearTimeout);
            resolve();
          };
        });
        if (stream.aborted) break;
        await stream.write(': keep-alive\n\n');
        summary = await getOffer(ctx, id);
      }
    } finally {
      unsubscribe();
    }
  });
}
