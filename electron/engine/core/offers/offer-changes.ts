import { EventEmitter } from 'node:events';

/** In-process signal that an offer changed, so the counter screen can update within a second. */
export interface OfferChanges {
  notify(offerId: string): void;
  subscribe(offerId: string, listener: () => void): () => void;
}

export function createOfferChanges(): OfferChanges {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (offerId) => {
      emitter.emit(offerId);
    },
    subscribe: (offerId, listener) => {
      emitter.on(offerId, listener);
      return () => emitter.off(offerId, listener);
    },
  };
}

/** The same signal for a whole collection rather than one offer. */
export interface Changes {
  notify(): void;
  subscribe(listener: () => void): () => void;
}

export function createChanges(): Changes {
  const offers = createOfferChanges();
  return { notify: () => offers.notify('*'), subscribe: (listener) => offers.subscribe('*', listener) };
}
