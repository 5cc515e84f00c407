import type { CounterApiErrorInfo, Unsubscribe } from '../../../shared/counter-api';
import { RECONNECT_DELAYS_MS, type LinkEvent } from '../../../shared/http/watch-event-stream';
import { followLive, type LiveSource } from '../core/live/live-value';
import type { Logger } from '../http/error-responses';
import { apiError } from './in-process-routes';

/** Statuses worth trying again for (storage briefly unavailable); the same rule as the HTTP watches. */
const retryable = (status: number): boolean => status === 0 || status === 408 || status === 429 || status >= 500;

/**
 * A live watch in this process, with the events an HTTP watch gives (shared/http/watch-event-stream):
 * `connection` once it follows the value, each new value as `toEvent` makes it, and `error` when it
 * stops for good (401, 403, 404, …). A failure that may pass (503) reconnects with the same backoff.
 */
export function watchInProcess<T, E>(
  open: () => Promise<LiveSource<T>>,
  toEvent: (value: T) => E,
  listener: (event: E | LinkEvent) => void,
  log: Logger,
): Unsubscribe {
  let stopped = false;
  let interrupt: () => void = () => {};
  const emit = (event: E | LinkEvent) => {
    if (!stopped) listener(event);
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      interrupt = () => (clearTimeout(timer), resolve());
    });

  void (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      let connected = false;
      try {
        const source = await open();
        if (stopped) return;
        connected = true;
        attempt = 0;
        emit({ type: 'connection', connected: true });
        await followLive(source, {
          send: (value) => emit(toEvent(value)),
          stopped: () => stopped,
          onStop: (stop) => (interrupt = stop),
        });
        return; // a final value, or unsubscribed
      } catch (error) {
        const info: CounterApiErrorInfo = apiError(error, log).toInfo();
        if (stopped) return;
        if (!retryable(info.status)) return emit({ type: 'error', error: info });
        if (connected) emit({ type: 'connection', connected: false });
      }
      await pause(RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 1_000);
    }
  })();

  return () => {
    stopped = true;
    interrupt();
  };
}
