import type { EngineContext } from './context';
import { THROTTLE_WINDOW_MS } from './tokens/failure-throttle';
import { StorageUnavailableError } from './store-errors';

const DAY_MS = 86_400_000;
const BATCH = 2_000;

/**
 * Ends offers and requests whose time is up (erasing their claims, DESIGN §6) and drops expired
 * nonces, seen-once values and ended throttle windows. Every process on a shared database runs it;
 * each step is one idempotent statement, so running it twice at once does no harm.
 */
export async function expireDue(ctx: EngineContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.stores.offers.expireDue(now);
  await ctx.stores.nonces.purgeExpired(now);
  await ctx.stores.seenOnce.purgeExpired(now);
  await ctx.stores.throttles.purgeEnded(now, THROTTLE_WINDOW_MS);
  // Ended and expired clerk sessions are of no use to anyone (DESIGN §14).
  await ctx.stores.clerks.purgeSessions(now);
  if ((await ctx.stores.authorizations.expireDue(now)) > 0) ctx.authorizationChanges.notify();
}

/**
 * Before a list: settles expiries so a status filter sees what a reader would. When storage takes
 * no writes (DESIGN §8) the list is still served; each summary shows its effective status anyway.
 */
export async function settleExpiries(expire: () => Promise<number>): Promise<void> {
  try {
    await expire();
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
  }
}

/**
 * DESIGN §9 retention: ended offers and authorizations, and analytics events, are deleted once
 * older than their retention, in small batches so that requests are served in between; then the
 * space is given back to the file system.
 */
export async function applyRetention(ctx: EngineContext): Promise<{ offers: number; authorizations: number; events: number }> {
  const now = ctx.clock.now();
  const drain = async (purge: (limit: number) => Promise<number>) => {
    let total = 0;
    for (let n = BATCH; n === BATCH; total += n) {
      n = await purge(BATCH);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return total;
  };
  const endedBefore = now - ctx.settings.endedRetentionDays * DAY_MS;
  const purged = {
    offers: await drain((limit) => ctx.stores.offers.purgeEnded(endedBefore, limit)),
    authorizations: await drain((limit) => ctx.stores.authorizations.purgeEnded(endedBefore, limit)),
    events: await drain((limit) => ctx.stores.events.purgeBefore(now - ctx.settings.eventRetentionDays * DAY_MS, limit)),
  };
  await ctx.stores.reclaimSpace();
  return purged;
}
