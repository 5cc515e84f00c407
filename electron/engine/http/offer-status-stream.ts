import type { Context } from 'hono';
import { finalOfferStatuses } from '../../../shared/api/z-pre-authorized-offer';
import type { EngineContext } from '../core/context';
import { getOffer } from '../core/offers/manage-offers';
import { liveStream } from './live-stream';

/** Live status of one offer (the counter's Offer screen): closes after a final status. */
export async function streamOfferStatus(ctx: EngineContext, c: Context, id: string): Promise<Response> {
  const first = await getOffer(ctx, id); // 400/404 before the stream starts
  return liveStream(c, {
    event: 'status',
    first,
    read: () => getOffer(ctx, id),
    subscribe: (wake) => ctx.offerChanges.subscribe(first.id, wake),
    isFinal: (summary) => finalOfferStatuses.includes(summary.status),
    // Expiry is a time, not an event: look again just after it.
    recheckInMs: (summary) => Date.parse(summary.expiresAt) - ctx.clock.now() + 50,
  });
}
