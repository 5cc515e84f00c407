import type { Context } from 'hono';
import type { EngineContext } from '../core/context';
import { displayFor, displayState } from '../core/display/displays';
import { liveStream } from './live-stream';

/** The customer display's stream: its state at once, then on every change of the pairing, of what it shows, or of that offer. */
export async function streamDisplay(ctx: EngineContext, c: Context, id: string, authorization: string | undefined): Promise<Response> {
  const display = displayFor(ctx, id, authorization); // 401 before the stream starts
  const first = await displayState(ctx, display);
  let offerUnsubscribe: (() => void) | undefined;
  return liveStream(c, {
    event: 'display',
    first,
    read: () => displayState(ctx, display),
    subscribe: (wake) => {
      const follow = () => {
        offerUnsubscribe?.();
        const offerId = display.showing?.offerId;
        offerUnsubscribe = offerId ? ctx.offerChanges.subscribe(offerId, wake) : undefined;
      };
      const listener = () => {
        follow();
        wake();
      };
      follow();
      display.listeners.add(listener);
      return () => {
        display.listeners.delete(listener);
        offerUnsubscribe?.();
      };
    },
    // Expiry is a time, not an event: look again just after it.
    recheckInMs: (state) => (state.offer?.secondsLeft ? state.offer.secondsLeft * 1000 + 50 : 15_000),
  });
}
