// One behavioural suite for every implementation of the store ports (DESIGN §6), run by each
// store's own test file, in the way Hono runs one suite against every router.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../core/store';
import { sha256 } from '../core/util/secrets';
import { newAuthorization, newOffer, NOW } from './store-contract-fixtures';
import { clerkContract } from './store-contract-clerks';
import { offerContract } from './store-contract-offers';
import { coordinationContract } from './store-contract-coordination';
import { trustStoreCases } from './store-contract-trust';
import { statusContract } from './store-contract-status';
import { walletProtocolContract } from './store-contract-wallets';
import { detailsContract } from './store-contract-details';

export function storeContract(name: string, open: () => Promise<Stores>): void {
  describe(`${name} store contract`, () => {
    offerContract(open);
    detailsContract(open);
    clerkContract(open);

    it('extends only an offer still pending and unexpired', async () => {
      const stores = await open();
      const open1 = newOffer();
      const ended = newOffer({ expiresAt: NOW });
      await stores.offers.insert(open1);
      await stores.offers.insert(ended);
      expect(await stores.offers.extend(open1.id, NOW + 600_000, NOW)).toBe(true);
      expect((await stores.offers.get(open1.id))?.expiresAt).toBe(NOW + 600_000);
      expect(await stores.offers.extend(ended.id, NOW + 600_000, NOW)).toBe(false);
      await stores.offers.cancel(open1.id, NOW);
      expect(await stores.offers.extend(open1.id, NOW + 900_000, NOW)).toBe(false);
      expect(await stores.offers.extend(crypto.randomUUID(), NOW + 900_000, NOW)).toBe(false);
    });
    statusContract(open);
    walletProtocolContract(open);

    it('consumes a nonce once and never after expiry', async () => {
      const stores = await open();
      const a = sha256('nonce-a');
      const b = sha256('nonce-b');
      await stores.nonces.insert(a, NOW + 1000);
      await stores.nonces.insert(b, NOW);
      const results = await Promise.all([stores.nonces.consume(a, NOW), stores.nonces.consume(a, NOW)]);
      expect(results.sort()).toEqual([false, true]);
      expect(await stores.nonces.consume(b, NOW)).toBe(false);
      expect(await stores.nonces.purgeExpired(NOW)).toBe(1);
    });

    it('appends and pages events, filtered by type', async () => {
      const stores = await open();
      const event = (type: string, i: number) => ({
        id: `e${i}`,
        type,
        timestamp: NOW + i,
        requestId: 'r',
        requestIp: '127.0.0.1',
        data: { i },
      });
      await stores.events.append([event('A_START', 1), event('A_SUCCESS', 2), event('B_START', 3)]);
      const page = await stores.events.list({ limit: 2 });
      expect(page.items.map((e) => e.id)).toEqual(['e3', 'e2']);
      expect((await stores.events.list({ limit: 2, cursor: page.nextCursor })).items.map((e) => e.id)).toEqual(['e1']);
      expect((await stores.events.list({ limit: 10, type: 'A_START' })).items).toEqual([event('A_START', 1)]);
    });

    it('finds API tokens by hash, replaces named ones and revokes', async () => {
      const stores = await open();
      const record = { id: crypto.randomUUID(), name: 'admin', role: 'admin' as const, createdAt: NOW };
      await stores.apiTokens.insert({ ...record, hash: sha256('t1') });
      expect(await stores.apiTokens.findByHash(sha256('t1'))).toEqual(record);
      await stores.apiTokens.replaceNamed({ ...record, id: crypto.randomUUID(), hash: sha256('t2') });
      expect(await stores.apiTokens.findByHash(sha256('t1'))).toBeUndefined();
      const replaced = await stores.apiTokens.findByHash(sha256('t2'));
      expect(replaced?.name).toBe('admin');
      expect(await stores.apiTokens.revoke(replaced!.id, NOW)).toBe(true);
      expect(await stores.apiTokens.findByHash(sha256('t2'))).toBeUndefined();
    });

    it('seeds configurations only once', async () => {
      const stores = await open();
      const configuration = (id: string) => ({
        id,
        type: 'x.y',
        claimMappings: { ns: { a: { mapFrom: 'claims.a', required: false, type: 'string' as const } } },
        expiresIn: { days: 1 },
      });
      await stores.configurations.seedOnce([configuration(crypto.randomUUID())], NOW);
      const [seeded] = await stores.configurations.list();
      await stores.configurations.delete(seeded!.id);
      await stores.configurations.seedOnce([configuration(crypto.randomUUID())], NOW);
      expect(await stores.configurations.list()).toEqual([]);
    });

    it('stores code offers, finds them by issuer_state, pages them, and rejects their pending authorizations', async () => {
      const stores = await open();
      const offer = {
        id: crypto.randomUUID(),
        credentials: ['cfg-a'],
        issuerState: `state-${Math.random()}`,
        requestParameters: { login_hint: 'desk' },
        createdAt: NOW,
      };
      await stores.codeOffers.insert(offer);
      expect(await stores.codeOffers.getByIssuerState(offer.issuerState)).toEqual(offer);
      const authorization = newAuthorization({ codeOfferId: offer.id });
      await stores.authorizations.insert(authorization);
      expect((await stores.codeOffers.list({ limit: 10 })).items.map((o) => o.id)).toContain(offer.id);
      expect(await stores.codeOffers.revoke(offer.id, NOW)).toBe(true);
      expect(await stores.codeOffers.revoke(offer.id, NOW)).toBe(false);
      expect((await stores.codeOffers.get(offer.id))?.revokedAt).toBe(NOW);
      expect(await stores.authorizations.rejectPendingFrom(offer.id, NOW)).toBe(1);
      expect(await stores.authorizations.rejectPendingFrom(offer.id, NOW)).toBe(0);
      expect((await stores.authorizations.get(authorization.id))?.status).toBe('rejected');
    });

    it('decides an authorization once, and a unit of work creates its offer with the decision', async () => {
      const stores = await open();
      const authorization = newAuthorization();
      await stores.authorizations.insert(authorization);
      expect(await stores.authorizations.getByHandleHash(authorization.handleHash)).toMatchObject({
        id: authorization.id,
        status: 'pending',
        shortCode: '0421',
      });
      const offer = { ...newOffer({ id: authorization.id, codeHash: authorization.codeHash }), kind: 'authorization_code' as const };
      const approve = () =>
        stores.transaction(async (tx) => {
          const decided = await tx.authorizations.decide(authorization.id, 'approved', NOW);
          if (decided === 'done') await tx.offers.insert(offer);
          return decided;
        });
      const decisions = await Promise.all([approve(), approve()]);
      expect(decisions.sort()).toEqual(['done', 'not_pending']);
      expect(await stores.offers.getByCodeHash(authorization.codeHash)).toMatchObject({
        id: authorization.id,
        kind: 'authorization_code',
        status: 'pending',
      });
      expect(await stores.authorizations.decide(authorization.id, 'rejected', NOW)).toBe('not_pending');
      expect(await stores.authorizations.decide(crypto.randomUUID(), 'rejected', NOW)).toBe('not_found');
      // Offers made by approvals are not listed as pre-authorized offers.
      expect((await stores.offers.list({ kind: 'pre_authorized', limit: 1000 })).items.map((o) => o.id)).not.toContain(authorization.id);
    });

    it('expires pending authorizations and refuses to approve them', async () => {
      const stores = await open();
      const authorization = newAuthorization({ expiresAt: NOW });
      await stores.authorizations.insert(authorization);
      expect(await stores.authorizations.decide(authorization.id, 'approved', NOW)).toBe('not_pending');
      expect(await stores.authorizations.expireDue(NOW)).toBeGreaterThanOrEqual(1);
      const expired = await stores.authorizations.list({ status: 'expired', limit: 100 });
      expect(expired.items.map((a) => a.id)).toContain(authorization.id);
    });

    it('commits a unit of work whole or not at all, and keeps other writers out of it', async () => {
      const stores = await open();
      const inside = newOffer();
      const outside = newOffer();
      let outerWrite: Promise<void> | undefined;
      await expect(
        stores.transaction(async (tx) => {
          await tx.offers.insert(inside);
          // Another request writes while this unit of work is open: it must neither join it nor be lost with it.
          outerWrite = stores.offers.insert(outside);
          await new Promise((resolve) => setTimeout(resolve, 20));
          expect(await tx.offers.get(inside.id)).toBeDefined();
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await outerWrite;
      expect(await stores.offers.get(inside.id)).toBeUndefined();
      expect(await stores.offers.get(outside.id)).toBeDefined();
      const both = [newOffer(), newOffer()];
      expect(await stores.transaction(async (tx) => Promise.all(both.map((o) => tx.offers.insert(o))).then(() => 'done'))).toBe('done');
      for (const o of both) expect(await stores.offers.get(o.id)).toBeDefined();
    });

    it('purges ended offers, decided authorizations and old events after their retention, oldest first', async () => {
      const stores = await open();
      const old = newOffer({ createdAt: NOW - 10_000 });
      const recent = newOffer();
      const open1 = newOffer({ expiresAt: NOW + 600_000 });
      for (const o of [old, recent, open1]) await stores.offers.insert(o);
      await stores.offers.cancel(old.id, NOW - 5_000);
      await stores.offers.cancel(recent.id, NOW);
      expect(await stores.offers.purgeEnded(NOW - 1_000, 1000)).toBe(1);
      expect(await stores.offers.get(old.id)).toBeUndefined();
      expect(await stores.offers.get(recent.id)).toBeDefined();
      expect(await stores.offers.get(open1.id)).toBeDefined();

      const decided = newAuthorization({ createdAt: NOW - 10_000, expiresAt: NOW + 600_000 });
      const waiting = newAuthorization();
      await stores.authorizations.insert(decided);
      await stores.authorizations.insert(waiting);
      await stores.authorizations.decide(decided.id, 'rejected', NOW - 5_000);
      expect(await stores.authorizations.purgeEnded(NOW, 1000)).toBe(1);
      expect(await stores.authorizations.get(decided.id)).toBeUndefined();
      expect(await stores.authorizations.get(waiting.id)).toBeDefined();

      const event = (id: string, timestamp: number) => ({ id, type: 'T', timestamp, requestId: 'r', requestIp: '127.0.0.1', data: {} });
      await stores.events.append([event('old-1', NOW - 3), event('old-2', NOW - 2), event('new', NOW)]);
      expect(await stores.events.purgeBefore(NOW - 1, 1)).toBe(1);
      expect(await stores.events.purgeBefore(NOW - 1, 1000)).toBe(1);
      expect((await stores.events.list({ limit: 10 })).items.map((e) => e.id)).toEqual(['new']);
      await stores.reclaimSpace();
    });

    it('keeps the key an approval is sealed to with the authorization', async () => {
      const stores = await open();
      const key = new Uint8Array(32).fill(7);
      const authorization = newAuthorization({ claimsKey: key });
      await stores.authorizations.insert(authorization);
      expect(Buffer.from((await stores.authorizations.get(authorization.id))!.claimsKey!)).toEqual(Buffer.from(key));
    });

    it('hands out a pushed authorization request once, and never after it expires', async () => {
      const stores = await open();
      const [live, stale] = [sha256(`par-${Math.random()}`), sha256(`par-${Math.random()}`)];
      await stores.authorizations.pushRequest(live, { client_id: 'w', scope: 'x' }, NOW + 60_000, '192.0.2.1');
      await stores.authorizations.pushRequest(stale, { client_id: 'w' }, NOW, '192.0.2.1');
      const taken = await Promise.all([
        stores.authorizations.takePushedRequest(live, NOW),
        stores.authorizations.takePushedRequest(live, NOW),
      ]);
      expect(taken.filter(Boolean)).toEqual([{ client_id: 'w', scope: 'x' }]);
      expect(await stores.authorizations.takePushedRequest(stale, NOW)).toBeUndefined();
    });

    it('counts unexpired pushed requests per client address and in all (DESIGN §8 caps)', async () => {
      const stores = await open();
      const before = await stores.authorizations.countPushed('198.51.100.7', NOW);
      for (const [address, expiresAt] of [
        ['198.51.100.7', NOW + 60_000],
        ['198.51.100.7', NOW + 60_000],
        ['198.51.100.8', NOW + 60_000],
        ['198.51.100.7', NOW], // expired: not counted
      ] as const) {
        await stores.authorizations.pushRequest(sha256(`par-${Math.random()}`), { client_id: 'w' }, expiresAt, address);
      }
      const after = await stores.authorizations.countPushed('198.51.100.7', NOW);
      expect({ fromAddress: after.fromAddress - before.fromAddress, total: after.total - before.total }).toEqual({
        fromAddress: 2,
        total: 3,
      });
    });

    it('counts pending authorizations per client address and in all, and finds them by short code', async () => {
      const stores = await open();
      const address = `203.0.113.${1 + Math.floor(Math.random() * 200)}`;
      const before = await stores.authorizations.countPending(address, NOW);
      const code = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
      const mine = newAuthorization({ shortCode: code });
      await stores.authorizations.insert({ ...mine, clientAddress: address });
      await stores.authorizations.insert({ ...newAuthorization(), clientAddress: address, expiresAt: NOW }); // expired
      const decided = newAuthorization();
      await stores.authorizations.insert({ ...decided, clientAddress: address });
      await stores.authorizations.decide(decided.id, 'rejected', NOW);
      await stores.authorizations.insert({ ...newAuthorization(), clientAddress: 'elsewhere' });
      const after = await stores.authorizations.countPending(address, NOW);
      expect({ fromAddress: after.fromAddress - before.fromAddress, total: after.total - before.total }).toEqual({
        fromAddress: 1,
        total: 2,
      });
      expect(await stores.authorizations.isShortCodePending(code, NOW)).toBe(true);
      expect(await stores.authorizations.isShortCodePending(code, NOW + 600_000)).toBe(false);
      const found = await stores.authorizations.list({ status: 'pending', shortCode: code, limit: 10 });
      expect(found.items.map((a) => a.id)).toContain(mine.id);
      expect(found.items.every((a) => a.shortCode === code && a.status === 'pending')).toBe(true);
    });
    coordinationContract(open);
    trustStoreCases(open);
  });
}
