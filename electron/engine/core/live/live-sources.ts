import { finalOfferStatuses, type OfferSummary } from '../../../../shared/api/z-pre-authorized-offer';
import type { DisplayState } from '../../../../shared/api/z-display';
import { listAuthorizations } from '../authorization/decide-authorization';
import type { EngineContext } from '../context';
import type { Display } from '../display/display-registry';
import { displayState } from '../display/displays';
import { getOffer } from '../offers/manage-offers';
import type { LiveSource } from './live-value';

// The values the counter follows live (DESIGN §7, §14), each as a LiveSource: the same for an event
// stream (http/*-stream.ts) and for the Electron kiosk's in-process watches (host/in-process.ts).

/** One offer's status (the Offer screen): final once accepted, expired, cancelled or locked. Rejects 400/404 first. */
export async function offerStatusSource(ctx: EngineContext, id: string): Promise<LiveSource<OfferSummary>> {
  const first = await getOffer(ctx, id);
  return {
    first,
    read: () => getOffer(ctx, id),
    subscribe: (wake) => ctx.offerChanges.subscribe(first.id, wake),
    isFinal: (summary) => finalOfferStatuses.includes(summary.status),
    // Expiry is a time, not an event: look again just after it.
    recheckInMs: (summary) => Date.parse(summary.expiresAt) - ctx.clock.now() + 50,
  };
}

const pending = (ctx: EngineContext) => listAuthorizations(ctx, { status: 'pending', limit: 100 });

// Changes in a burst (a flood of requests at the authorization endpoint) are sent as one update.
const COALESCE_MS = 250;

/** The holders waiting at the counter (the Requests screen): after changes, at most every 250 ms, and every 15 s for expiries. */
export async function pendingAuthorizationsSource(ctx: EngineContext): Promise<LiveSource<Awaited<ReturnType<typeof pending>>>> {
  return {
    first: await pending(ctx),
    read: () => pending(ctx),
    subscribe: (wake) => ctx.authorizationChanges.subscribe(wake),
    coalesceMs: COALESCE_MS,
  };
}

/** What a customer display shows: on every change of its pairing, of what it shows, or of that offer. */
export async function displaySource(ctx: EngineContext, display: Display): Promise<LiveSource<DisplayState>> {
  let offerUnsubscribe: (() => void) | undefined;
  return {
    first: await displayState(ctx, display),
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
  };
}
