import { finalOfferStatuses, zOfferSummary } from '../api/z-pre-authorized-offer';
import type { OfferWatchEvent, Unsubscribe } from '../counter-api';
import { parseJson, watchEventStream, type EventStreamWatchOptions } from './watch-event-stream';

export type WatchOptions = Omit<EventStreamWatchOptions<OfferWatchEvent>, 'read'>;

/**
 * Follows one offer's status stream (GET …/pre-authorized/{id}/events) until a final status, an
 * error that retrying cannot fix, or unsubscribe.
 */
export function watchOfferStream(options: WatchOptions): Unsubscribe {
  return watchEventStream<OfferWatchEvent>({
    ...options,
    read: (message) => {
      if (message.event !== 'status') return undefined;
      const offer = zOfferSummary.safeParse(parseJson(message.data));
      if (!offer.success) return undefined;
      return { event: { type: 'status', offer: offer.data }, final: finalOfferStatuses.includes(offer.data.status) };
    },
  });
}
