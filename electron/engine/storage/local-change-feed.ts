import { EventEmitter } from 'node:events';
import type { ChangeFeed } from '../core/store';

/** The change feed of a database only this process uses (SQLite): an in-process emitter. */
export function createLocalChangeFeed(): ChangeFeed & { emit(topic: string): void; emitAll(): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const topics = new Set<string>();
  return {
    publish: (topic) => void emitter.emit(topic),
    emit: (topic) => void emitter.emit(topic),
    /** Wakes every subscriber (after signals may have been missed). */
    emitAll: () => {
      for (const topic of topics) emitter.emit(topic);
    },
    subscribe: (topic, listener) => {
      emitter.on(topic, listener);
      topics.add(topic);
      return () => {
        emitter.off(topic, listener);
        if (emitter.listenerCount(topic) === 0) topics.delete(topic);
      };
    },
  };
}
