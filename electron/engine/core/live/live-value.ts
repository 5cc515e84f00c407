// A value that changes over time and is followed live: an offer's status, the pending
// authorizations, what a customer display shows. One loop follows it, whatever carries it: an
// event stream to a browser (http/live-stream.ts) or a listener in this process (the Electron
// kiosk, host/in-process.ts).

export interface LiveSource<T> {
  /** The value as it was when the request was checked (so refusals come before anything is sent). */
  first: T;
  read(): Promise<T>;
  /** Calls `wake` whenever the value may have changed; returns the unsubscribe. */
  subscribe(wake: () => void): () => void;
  /** A final value ends the watch. */
  isFinal?(value: T): boolean;
  /** When to look again even without a signal (an expiry, say), in ms from now. */
  recheckInMs?(value: T): number;
  /**
   * After a signal, wait this long for more before reading: a burst of changes (a flood of new
   * requests) becomes one update instead of one per change. Default 0.
   */
  coalesceMs?: number;
}

export interface LiveSink<T> {
  /** A value unlike the last one sent. */
  send(value: T): Promise<void> | void;
  /** Nothing new after a wait (an event stream writes a heartbeat). */
  unchanged?(): Promise<void> | void;
  stopped(): boolean;
  /** `stop` ends the wait in progress; the sink calls it once it is stopped. */
  onStop(stop: () => void): void;
}

/** The longest wait without reading the value again (an event stream's heartbeat). */
export const LIVE_RECHECK_MS = 15_000;

/**
 * Sends the value at once, then again whenever it changes, until a final value or the sink stops.
 * A change that arrives while the value is being read or sent is not lost: it marks the value
 * dirty, and the next wait ends at once. Rejects when reading fails (the sink's owner decides).
 */
export async function followLive<T>(source: LiveSource<T>, sink: LiveSink<T>): Promise<void> {
  let dirty = false;
  let wake: () => void = () => {};
  const unsubscribe = source.subscribe(() => {
    dirty = true;
    wake();
  });
  sink.onStop(() => wake());
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  try {
    let value = source.first;
    let last = '';
    while (!sink.stopped()) {
      const json = JSON.stringify(value);
      if (json !== last) {
        await sink.send(value);
        last = json;
      } else {
        await sink.unchanged?.();
      }
      if (source.isFinal?.(value)) break;
      const wait = Math.min(LIVE_RECHECK_MS, source.recheckInMs?.(value) ?? LIVE_RECHECK_MS);
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
      if (dirty && source.coalesceMs && !sink.stopped()) await sleep(source.coalesceMs);
      if (sink.stopped()) break;
      dirty = false;
      value = await source.read();
    }
  } finally {
    unsubscribe();
  }
}
