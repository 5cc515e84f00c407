import type { CounterApi, Unsubscribe } from '../counter-api';

// Whether the engine behind a CounterApi can be reached (DESIGN §13: a kiosk using a branch server
// shows a clear offline banner while it cannot). DOM-free: the renderer and Electron's main alike.

export interface Reachability {
  reachable: boolean;
  /** The last failure in words, while unreachable. */
  reason?: string;
}

export interface TrackedApi {
  /** The same API; every answer (or failure to get one) updates the reachability. */
  api: CounterApi;
  current(): Reachability;
  subscribe(listener: (state: Reachability) => void): Unsubscribe;
  stop(): void;
}

export const PROBE_MS = 3_000;

/**
 * An unreachable engine is one that gave no HTTP answer at all (status 0) or whose gateway said it
 * is gone (502, 504). Any answer, an error status included, proves the link. While unreachable,
 * `getSettings` probes every `probeMs` so the banner goes away by itself; a live watch losing its
 * link probes at once.
 */
export function trackReachability(inner: CounterApi, options: { probeMs?: number } = {}): TrackedApi {
  const probeMs = options.probeMs ?? PROBE_MS;
  let state: Reachability = { reachable: true };
  const listeners = new Set<(state: Reachability) => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const set = (next: Reachability) => {
    if (next.reachable === state.reachable && next.reason === state.reason) return;
    state = next;
    for (const listener of listeners) listener(state);
    if (!state.reachable) schedule();
  };
  const schedule = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void probe().then(() => {
        if (!state.reachable) schedule();
      });
    }, probeMs);
  };
  const observe = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const value = await call();
      set({ reachable: true });
      return value;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (status === 0 || status === 502 || status === 504) set({ reachable: false, reason: (error as Error).message });
      else if (typeof status === 'number') set({ reachable: true });
      throw error;
    }
  };
  const probe = () => observe(() => inner.getSettings()).catch(() => undefined);

  const api = Object.fromEntries(
    Object.entries(inner).map(([name, method]) => {
      const fn = method as (...args: unknown[]) => unknown;
      if (name === 'watchOffer' || name === 'watchAuthorizations') {
        return [
          name,
          (...args: unknown[]) => {
            const listener = args.at(-1) as (event: { type: string; connected?: boolean }) => void;
            return fn(...args.slice(0, -1), (event: { type: string; connected?: boolean }) => {
              if (event.type === 'connection') {
                if (event.connected) set({ reachable: true });
                else void probe();
              }
              listener(event);
            });
          },
        ];
      }
      return [name, (...args: unknown[]) => observe(() => fn(...args) as Promise<unknown>)];
    }),
  ) as unknown as CounterApi;

  return {
    api,
    current: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
