import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeFeed } from '../../core/store';
import { createLocalChangeFeed } from '../local-change-feed';

/** The one NOTIFY channel all Counter processes on a database share. */
export const CHANGES_CHANNEL = 'counter_changes';

export interface PgChangeFeed extends ChangeFeed {
  /** Resolves once LISTEN is in place (and rejects if the first connection fails). */
  ready: Promise<void>;
  /** Whether the LISTEN connection is up now (readiness, DESIGN §13). */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * DESIGN §13: live status across processes through LISTEN/NOTIFY. A publication wakes this
 * process's subscribers at once and is sent as `NOTIFY counter_changes, '<process id> <topic>'`;
 * every other process hears it on its own LISTEN connection and wakes its subscribers. Signals
 * carry no data (a subscriber reads the state it cares about), so a lost one costs only latency:
 * after the LISTEN connection comes back, every subscriber is woken once, in case it missed one.
 * Publications made in the same turn of the event loop go out as one statement.
 */
export function createPgChangeFeed(options: {
  config: pg.ClientConfig;
  /** Sends NOTIFY `channel` once for each payload (one statement for a whole batch). */
  notify: (channel: string, payloads: string[]) => Promise<unknown>;
  log?: (message: string, error?: unknown) => void;
}): PgChangeFeed {
  const local = createLocalChangeFeed();
  const self = randomUUID();
  let client: pg.Client | undefined;
  let up = false;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(options.config);
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      up = false;
      void next.end().catch(() => undefined);
      if (closed) return;
      options.log?.('the change feed lost its database connection; reconnecting', error);
      timer = setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
    next.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      const space = message.payload.indexOf(' ');
      if (space < 0 || message.payload.slice(0, space) === self) return;
      local.emit(message.payload.slice(space + 1));
    });
    next.on('error', lost);
    next.on('end', () => lost());
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      lost(error);
      throw error;
    }
    up = true;
    retryMs = 250;
  };

  const reconnect = async () => {
    if (closed) return;
    try {
      await connect();
      local.emitAll();
    } catch {
      // lost() has scheduled the next attempt.
    }
  };

  let batch = new Set<string>();
  const flush = () => {
    const topics = [...batch];
    batch = new Set();
    options
      .notify(
        CHANGES_CHANNEL,
        topics.map((topic) => `${self} ${topic}`),
      )
      .catch((error: unknown) => options.log?.(`could not publish ${topics.join(', ')}`, error));
  };

  const ready = connect();
  ready.catch(() => undefined); // the opener awaits it; until then a failure must not count as unhandled
  return {
    ready,
    listening: () => up,
    publish(topic) {
      local.emit(topic);
      if (batch.size === 0) setImmediate(flush);
      batch.add(topic);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = undefined;
      up = false;
      await last?.end().catch(() => undefined);
    },
  };
}
