import type { ChangeFeed } from '../store';

/** Signal that an offer changed, so the counter screen can update within a second (DESIGN §7). */
export interface OfferChanges {
  notify(offerId: string): void;
  subscribe(offerId: string, listener: () => void): () => void;
}

/** Over the stores' change feed, so a change made by any process on the database reaches every screen (DESIGN §13). */
export function createOfferChanges(feed: ChangeFeed): OfferChanges {
  return {
    notify: (offerId) => feed.publish(`offer:${offerId}`),
    subscribe: (offerId, listener) => feed.subscribe(`offer:${offerId}`, listener),
  };
}

/** The same signal for a whole collection rather than one offer. */
export interface Changes {
  notify(): void;
  subscribe(listener: () => void): () => void;
}

export function createChanges(feed: ChangeFeed, topic: string): Changes {
  return { notify: () => feed.publish(topic), subscribe: (listener) => feed.subscribe(topic, listener) };
}
