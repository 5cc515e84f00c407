import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

const HEARTBEAT_MS = 15_000;

export interface LiveSource<T> {
  event: string;
  /** The value as it was when the request was checked (so 4xx answers come before the stream). */
  first: T;
  read(): Promise<T>;
  /** Calls `wake` whenever the value may have changed; returns the unsubscribe. */
  subscribe(wake: () => void): () => void;
  /** A final value ends the stream. */
  isFinal?(value: T): boolean;
  /** When to look again even without a signal (an expiry, say), in ms from now. */
  recheckInMs?(value: T): number;
  /**
   * After a signal, wait this long for more before reading: a burst of changes (a flood of new
   * requests) becomes one update instead of one per change. Default 0.
   */
  coalesceMs?: number;
}

/**
 * Server-sent events of one value: sent at once, then again whenever it changes, with comment
 * heartbeats between; closed after a final value or when the client goes away.
 */
export function liveStream<T>(c: Context, source: LiveSource<T>): Response {
  const response = streamSSE(c, async (stream) => {
    // A change that arrives while the value is being read or written is not lost: it marks the
    // value dirty, and the next wait ends at once.
    let dirty = false;
    let wake: () => void = () => {};
    const unsubscribe = source.subscribe(() => {
      dirty = true;
      wake();
    });
    stream.onAbort(() => wake());
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    try {
      let value = source.first;
      let last = '';
      while (!stream.aborted) {
        const json = JSON.stringify(value);
        if (json !== last) {
          await stream.writeSSE({ event: source.event, data: json });
          last = json;
        } else {
          await stream.write(': keep-alive\n\n');
        }
        if (source.isFinal?.(value)) break;
        const wait = Math.min(HEARTBEAT_MS, source.recheckInMs?.(value) ?? HEARTBEAT_MS);
        if (!dirty) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, wait));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = () => {};
        }
        if (dirty && source.coalesceMs && !stream.aborted) await sleep(source.coalesceMs);
        if (stream.aborted) break;
        dirty = false;
        value = await source.read();
      }
    } finally {
      unsubscribe();
    }
  });
  // streamSSE says no-cache; a live status is never to be stored at all.
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
