import { errorInfo, type CounterApiErrorInfo, type Unsubscribe } from '../counter-api';
import { readEventStream, type StreamMessage } from './event-stream';
import { responseError, unreachable } from './response-error';

/** What every live watch reports besides its own events. */
export type LinkEvent =
  | { type: 'connection'; connected: boolean }
  /** The watch stopped for good (401, 404, …); no more events follow. */
  | { type: 'error'; error: CounterApiErrorInfo };

export interface EventStreamWatchOptions<E> {
  /** Opens the event stream; resolves with the response or rejects on a network failure. */
  open: (signal: AbortSignal) => Promise<Response>;
  /** One message of the stream as an event to report (undefined: ignore it); `final` ends the watch. */
  read: (message: StreamMessage) => { event: E; final?: boolean } | undefined;
  listener: (event: E | LinkEvent) => void;
  /** Waits before reconnect attempt n (0-based). */
  delays?: readonly number[];
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const RECONNECT_DELAYS_MS = [250, 1_000, 2_000, 5_000, 10_000] as const;

/** Statuses worth reconnecting for; anything else (401, 403, 404, 400) will not get better. */
const retryable = (status: number): boolean => status === 0 || status === 408 || status === 429 || status >= 500;

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Follows a server-sent event stream and reconnects with backoff when it drops, until a final
 * event, an error that retrying cannot fix, or unsubscribe. The engine's streams start every
 * connection with the current state, so a reconnect misses nothing.
 */
export function watchEventStream<E>({
  open,
  read,
  listener,
  delays = RECONNECT_DELAYS_MS,
  sleep = defaultSleep,
}: EventStreamWatchOptions<E>): Unsubscribe {
  const controller = new AbortController();
  const { signal } = controller;
  const emit = (event: E | LinkEvent): void => {
    if (!signal.aborted) listener(event);
  };

  void (async () => {
    let connected = false;
    for (let attempt = 0; !signal.aborted; attempt++) {
      let finished = false;
      try {
        let response: Response;
        try {
          response = await open(signal);
        } catch (cause) {
          throw unreachable(cause);
        }
        if (!response.ok || !response.body) throw await responseError(response);
        connected = true;
        attempt = 0;
        emit({ type: 'connection', connected: true });
        await readEventStream(
          response.body,
          (message) => {
            if (finished) return;
            const result = read(message);
            if (!result) return;
            emit(result.event);
            if (result.final) finished = true;
          },
          signal,
        );
      } catch (error) {
        const info = errorInfo(error);
        if (!signal.aborted && !retryable(info.status)) {
          emit({ type: 'error', error: info });
          return;
        }
      }
      if (finished || signal.aborted) return;
      if (connected) emit({ type: 'connection', connected: false });
      connected = false;
      await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1_000, signal);
    }
  })();

  return () => controller.abort();
}
