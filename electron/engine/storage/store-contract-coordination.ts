// The part of the store contract that several processes on one database rely on (DESIGN §13):
// shared throttle windows, seen-once values, change signals and exclusive work. Run by
// store-contract.ts for every store; postgres/pg-shared-database.test.ts adds the cross-process half.
import { expect, it } from 'vitest';
import type { Stores } from '../core/store';
import { sha256 } from '../core/util/secrets';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function coordinationContract(open: () => Promise<Stores>): void {
  it('counts failed guesses per scope and key in fixed windows', async () => {
    const stores = await open();
    const key = `10.0.0.${Math.floor(Math.random() * 250)}`;
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => stores.throttles.recordFailure('token', key, NOW, 60_000)));
    expect(concurrent.map((w) => w.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await stores.throttles.current('token', key, NOW + 59_999, 60_000)).toEqual({ start: NOW, failures: 10 });
    expect(await stores.throttles.current('management', key, NOW, 60_000)).toBeUndefined();
    expect(await stores.throttles.current('token', key, NOW + 60_000, 60_000)).toBeUndefined();
    // The window has ended: the next failure starts a new one.
    expect(await stores.throttles.recordFailure('token', key, NOW + 60_000, 60_000)).toEqual({ start: NOW + 60_000, failures: 1 });
    expect(await stores.throttles.purgeEnded(NOW + 120_000, 60_000)).toBeGreaterThanOrEqual(1);
    expect(await stores.throttles.current('token', key, NOW + 60_001, 60_000)).toBeUndefined();
  });

  it('sees a value once until it expires', async () => {
    const stores = await open();
    const jti = sha256(`jti-${Math.random()}`);
    const sightings = await Promise.all(Array.from({ length: 8 }, () => stores.seenOnce.firstSight('dpop', jti, NOW + 1000, NOW)));
    expect(sightings.filter(Boolean)).toHaveLength(1);
    expect(await stores.seenOnce.firstSight('other', jti, NOW + 1000, NOW)).toBe(true);
    expect(await stores.seenOnce.firstSight('dpop', jti, NOW + 5000, NOW + 999)).toBe(false);
    // Once expired, an entry is forgotten (a replay that old fails its freshness check anyway).
    expect(await stores.seenOnce.firstSight('dpop', jti, NOW + 5000, NOW + 1000)).toBe(true);
    expect(await stores.seenOnce.purgeExpired(NOW + 10_000)).toBe(2);
  });

  it('signals changes by topic to their subscribers only', async () => {
    const stores = await open();
    const heard: string[] = [];
    const stop = stores.feed.subscribe('offer:a', () => heard.push('a'));
    stores.feed.subscribe('offer:b', () => heard.push('b'));
    stores.feed.publish('offer:a');
    stop();
    stores.feed.publish('offer:a');
    stores.feed.publish('offer:b');
    expect(heard).toEqual(['a', 'b']);
  });

  it('runs exclusive work of one name one at a time, and other names alongside', async () => {
    const stores = await open();
    const log: string[] = [];
    // 'a' holds its lock until 'c' (another name) has started, or 5 s: so 'c' starting before 'a'
    // ends proves the two ran alongside, however slowly the database hands out locks.
    let cStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (cStarted = resolve));
    const work = (name: string, tag: string) =>
      stores.exclusive(name, async () => {
        log.push(`${tag}+`);
        if (tag === 'c') cStarted();
        await (tag === 'a'
          ? Promise.race([started, new Promise((resolve) => setTimeout(resolve, 5_000))])
          : new Promise((r) => setTimeout(r, 30)));
        log.push(`${tag}-`);
        return tag;
      });
    const failing = stores.exclusive('keys', async () => {
      throw new Error('no disk');
    });
    const results = await Promise.all([work('keys', 'a'), work('keys', 'b'), work('seed', 'c'), failing.catch((e: Error) => e.message)]);
    expect(results).toEqual(['a', 'b', 'c', 'no disk']);
    expect(log.indexOf('b+')).toBeGreaterThan(log.indexOf('a-'));
    expect(log.indexOf('c+')).toBeLessThan(log.indexOf('a-'));
  });

  it('reports itself healthy while it can serve', async () => {
    const stores = await open();
    expect(await stores.health()).toEqual({ ok: true });
  });
}
