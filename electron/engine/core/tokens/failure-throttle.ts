import type { ThrottleStore } from '../store';

/**
 * Counts failed guesses (unknown codes, wrong transaction codes, wrong PKCE verifiers) per client
 * address in fixed one-minute windows. Past the limit the address is answered 429 with
 * Retry-After until its window ends, instead of being queued. The windows live in the database
 * (ThrottleStore), so every process on it counts the same guesses (DESIGN §13) and memory stays
 * flat however many addresses try; the expiry sweep forgets ended windows.
 */
export interface FailureThrottle {
  /** Seconds to wait, or 0 when the address may try now. */
  retryAfter(address: string, now: number): Promise<number>;
  recordFailure(address: string, now: number): Promise<void>;
}

export const THROTTLE_WINDOW_MS = 60_000;

export function createFailureThrottle(store: ThrottleStore, scope: string, maxFailuresPerMinute: number): FailureThrottle {
  return {
    async retryAfter(address, now) {
      const w = await store.current(scope, address, now, THROTTLE_WINDOW_MS);
      return w && w.failures >= maxFailuresPerMinute ? Math.max(1, Math.ceil((w.start + THROTTLE_WINDOW_MS - now) / 1000)) : 0;
    },
    async recordFailure(address, now) {
      await store.recordFailure(scope, address, now, THROTTLE_WINDOW_MS);
    },
  };
}
