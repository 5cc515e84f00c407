// Store contract (DESIGN §6) for clerks and their sessions: every implementation must pass.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../core/store';
import { sha256 } from '../core/util/secrets';
import { NOW } from './store-contract-fixtures';

const clerk = (name: string) => ({
  id: crypto.randomUUID(),
  name,
  nameKey: name.toLowerCase(),
  pinHash: `hash-of-${name}`,
  createdAt: NOW,
});

export function clerkContract(open: () => Promise<Stores>): void {
  describe('clerks', () => {
    it('keeps names unique among clerks not removed, and frees a removed name', async () => {
      const stores = await open();
      const mere = clerk('Mere');
      expect(await stores.clerks.insert(mere)).toBe(true);
      expect(await stores.clerks.insert({ ...clerk('MERE'), nameKey: 'mere' })).toBe(false);
      expect(await stores.clerks.insert(clerk('Aroha'))).toBe(true);
      expect((await stores.clerks.list()).map((c) => c.name)).toEqual(['Aroha', 'Mere']);
      expect(await stores.clerks.findByNameKey('mere')).toMatchObject({
        id: mere.id,
        name: 'Mere',
        pinHash: 'hash-of-Mere',
        failedAttempts: 0,
      });

      expect(await stores.clerks.remove(mere.id, NOW)).toBe(true);
      expect(await stores.clerks.remove(mere.id, NOW)).toBe(false);
      expect(await stores.clerks.get(mere.id)).toBeUndefined();
      expect(await stores.clerks.findByNameKey('mere')).toBeUndefined();
      expect(await stores.clerks.insert({ ...clerk('Mere'), id: crypto.randomUUID() })).toBe(true);
    });

    it('counts wrong PINs atomically and locks at the limit; a new PIN unlocks', async () => {
      const stores = await open();
      const c = clerk('Hemi');
      await stores.clerks.insert(c);
      const results = await Promise.all(Array.from({ length: 4 }, () => stores.clerks.recordFailure(c.id, 5, NOW + 900_000)));
      expect(results.map((r) => r?.failedAttempts).sort()).toEqual([1, 2, 3, 4]);
      expect(await stores.clerks.recordFailure(c.id, 5, NOW + 900_000)).toEqual({ failedAttempts: 0, lockedUntil: NOW + 900_000 });
      expect((await stores.clerks.get(c.id))?.lockedUntil).toBe(NOW + 900_000);
      await stores.clerks.recordFailure(c.id, 5, NOW + 900_000);
      await stores.clerks.recordSuccess(c.id);
      expect((await stores.clerks.get(c.id))?.failedAttempts).toBe(0);
      expect(await stores.clerks.setPin(c.id, 'new-hash')).toBe(true);
      expect(await stores.clerks.get(c.id)).toMatchObject({ pinHash: 'new-hash', failedAttempts: 0 });
      expect((await stores.clerks.get(c.id))?.lockedUntil).toBeUndefined();
      expect(await stores.clerks.recordFailure(crypto.randomUUID(), 5, NOW)).toBeUndefined();
    });

    it('finds a session until it expires, ends, or its clerk is removed', async () => {
      const stores = await open();
      const c = clerk('Tama');
      await stores.clerks.insert(c);
      const [a, b, d] = [sha256('session-a'), sha256('session-b'), sha256('session-d')];
      await stores.clerks.insertSession({ hash: a, clerkId: c.id, createdAt: NOW, expiresAt: NOW + 1000 });
      await stores.clerks.insertSession({ hash: b, clerkId: c.id, createdAt: NOW, expiresAt: NOW + 1000 });
      await stores.clerks.insertSession({ hash: d, clerkId: c.id, createdAt: NOW, expiresAt: NOW + 10 });
      const found = await stores.clerks.findSession(a, NOW);
      expect(found?.clerk).toMatchObject({ id: c.id, name: 'Tama' });
      expect(found?.session).toMatchObject({ clerkId: c.id, expiresAt: NOW + 1000 });
      expect(Buffer.from(found!.session.hash).equals(a)).toBe(true);
      expect(await stores.clerks.findSession(d, NOW + 10)).toBeUndefined();
      expect(await stores.clerks.endSession(a, NOW)).toBe(true);
      expect(await stores.clerks.endSession(a, NOW)).toBe(false);
      expect(await stores.clerks.findSession(a, NOW)).toBeUndefined();
      expect(await stores.clerks.findSession(b, NOW)).toBeDefined();
      await stores.clerks.remove(c.id, NOW);
      expect(await stores.clerks.findSession(b, NOW)).toBeUndefined();
      expect(await stores.clerks.purgeSessions(NOW + 2000)).toBe(3);
    });
  });
}
