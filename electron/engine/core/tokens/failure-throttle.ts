/**
 * Counts failed guesses (unknown codes, wrong transaction codes, wrong PKCE verifiers) per client
 * address in fixed one-minute windows. Past the limit the address is answered 429 with
 * Retry-After until its window ends, instead of being queued. Memory is bounded: when the table
 * is full, windows that have ended are dropped first, then the oldest.
 */
export interface FailureThrottle {
  /** Seconds to wait, or 0 when the address may try now. */
  retryAfter(address: string, now: number): number;
  recordFailure(address: string, now: number): void;
}

const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 10_000;

export function createFailureThrottle(maxFailuresPerMinute: number): FailureThrottle {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (address: string, now: number) => {
    const w = windows.get(address);
    return w && now - w.start < WINDOW_MS ? w : undefined;
  };
  return {
    retryAfter(address, now) {
      const w = current(address, now);
      return w && w.failures >= maxFailuresPerMinute ? Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)) : 0;
    },
    recordFailure(address, now) {
      const w = current(address, now);
      if (w) {
        w.failures += 1;
        return;
      }
      if (windows.size >= MAX_ADDRESSES) {
        for (const [key, old] of windows) if (now - old.start >= WINDOW_MS) windows.delete(key);
        if (windows.size >= MAX_ADDRESSES) windows.delete(windows.keys().next().value!);
      }
      windows.set(address, { start: now, failures: 1 });
    },
  };
}
