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
