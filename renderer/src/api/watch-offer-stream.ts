import { finalOfferStatuses, zOfferSummary } from '../../../shared/api/z-pre-authorized-offer';
import { errorInfo, type OfferWatchEvent, type Unsubscribe } from '../../../shared/counter-api';
import { readEventStream } from './event-stream';
import { responseError, unreachable } from './response-error';

export interface WatchOptions {
  /** Opens GET …/{id}/events; resolves with the response or rejects on a network failure. */
  open: (signal: AbortSignal) => Promise<Response>;
  listener: (event: OfferWatchEvent) => void;
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

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Follows an offer's status stream and reconnects with backoff when it drops, until a final
 * status, an error that retrying cannot fix, or unsubscribe. Each reconnect starts with the
 * current status, so nothing is missed.
 */
export function watchOfferStream({ open, listener, delays = RECONNECT_DELAYS_MS, sleep = defaultSleep }: WatchOptions): Unsubscribe {
  const controller = new AbortController();
  const { signal } = controller;
  const emit = (event: OfferWatchEvent): void => {
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
            if (message.event !== 'status') return;
            const offer = zOfferSummary.safeParse(parseJson(message.data));
            if (!offer.success) return;
            emit({ type: 'status', offer: offer.data });
            if (finalOfferStatuses.includes(offer.data.status)) finished = true;
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
