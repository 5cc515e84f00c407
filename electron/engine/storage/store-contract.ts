// One behavioural suite for every implementation of the store ports (DESIGN §6), run by each
// store's own test file, in the way Hono runs one suite against every router.
import { describe, expect, it } from 'vitest';
import type { AuthorizationRecord, NewOffer, Stores } from '../core/store';
import { sha256 } from '../core/util/secrets';
import { InvalidCursorError } from '../core/store-errors';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
let counter = 0;

function newOffer(overrides: Partial<NewOffer> = {}): NewOffer {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    credentials: ['cfg-a'],
    createdAt: NOW,
    expiresAt: NOW + 300_000,
    codeHash: sha256(`code-${counter}-${Math.random()}`),
    claims: { family_name: 'Doe' },
    ...overrides,
  };
}

function issued(offerId: string, configurationId: string) {
  return {
    id: crypto.randomUUID(),
    offerId,
    configurationId,
    docType: 'org.iso.18013.5.1.mDL',
    issuedAt: NOW,
    validFrom: NOW,
    validUntil: NOW + 1000,
    deviceKeyThumbprint: 'thumb',
    notificationId: crypto.randomUUID(),
  };
}

const token = (n = 1) => ({ hash: sha256(`token-${n}-${Math.random()}`), expiresAt: NOW + 300_000 });

export function storeContract(name: string, open: () => Promise<Stores>): void {
  describe(`${name} store contract`, () => {
    it('stores an offer and finds it by id and code hash', async () => {
      const stores = await open();
      const offer = newOffer({ userId: 'u1', txCode: { hash: sha256('tx'), inputMode: 'numeric', length: 6 } });
      await stores.offers.insert(offer);
      const byId = await stores.offers.get(offer.id);
      expect(byId).toMatchObject({ id: offer.id, userId: 'u1', status: 'pending', strikes: 0, claims: { family_name: 'Doe' }, issued: [] });
      expect(byId?.txCode?.inputMode).toBe('numeric');
      expect((await stores.offers.getByCodeHash(offer.codeHash))?.id).toBe(offer.id);
      expect(await stores.offers.get(crypto.randomUUID())).toBeUndefined();
    });

    it('lets exactly one of many concurrent redemptions win', async () => {
      const stores = await open();
      const offer = newOffer();
      await stores.offers.insert(offer);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores.offers.redeem(offer.id, token(i), NOW)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await stores.offers.get(offer.id))?.status).toBe('token_issued');
    });

    it('does not redeem an expired offer', async () => {
      const stores = await open();
      const offer = newOffer({ expiresAt: NOW });
      await stores.offers.insert(offer);
      expect(await stores.offers.redeem(offer.id, token(), NOW)).toBe(false);
    });

    it('locks an offer at the third strike and erases its claims', async () => {
      const stores = await open();
      const offer = newOffer();
      await stores.offers.insert(offer);
      expect(await stores.offers.strike(offer.id, 3, NOW)).toEqual({ strikes: 1, locked: false });
      expect(await stores.offers.strike(offer.id, 3, NOW)).toEqual({ strikes: 2, locked: false });
      expect(await stores.offers.strike(offer.id, 3, NOW)).toEqual({ strikes: 3, locked: true });
      const locked = await stores.offers.get(offer.id);
      expect(locked?.status).toBe('locked');
      expect(locked?.claims).toBeUndefined();
      expect(await stores.offers.redeem(offer.id, token(), NOW)).toBe(false);
      expect(await stores.offers.strike(offer.id, 3, NOW)).toBeUndefined();
    });

    it('cancels until a credential is issued, then refuses', async () => {
      const stores = await open();
      const open1 = newOffer();
      await stores.offers.insert(open1);
      expect(await stores.offers.cancel(open1.id, NOW)).toBe('cancelled');
      expect((await stores.offers.get(open1.id))?.claims).toBeUndefined();
      expect(await stores.offers.cancel(open1.id, NOW)).toBe('already_cancelled');
      expect(await stores.offers.cancel(crypto.randomUUID(), NOW)).toBe('not_found');

      const claimed = newOffer();
      await stores.offers.insert(claimed);
      await stores.offers.redeem(claimed.id, token(), NOW);
      expect(await stores.offers.recordIssuance(issued(claimed.id, 'cfg-a'), NOW)).toBe('issued');
      expect(await stores.offers.cancel(claimed.id, NOW)).toBe('claimed');
    });

    it('records each configuration once and claims the offer when all are issued', async () => {
      const stores = await open();
      const offer = newOffer({ credentials: ['cfg-a', 'cfg-b'] });
      await stores.offers.insert(offer);
      expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a'), NOW)).toBe('inactive');
      await stores.offers.redeem(offer.id, token(), NOW);
      expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a'), NOW)).toBe('issued');
      expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a'), NOW)).toBe('duplicate');
      const half = await stores.offers.get(offer.id);
      expect(half).toMatchObject({ status: 'token_issued', issued: ['cfg-a'], claims: { family_name: 'Doe' } });
      expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-b'), NOW)).toBe('issued');
      const done = await stores.offers.get(offer.id);
      expect(done?.status).toBe('claimed');
      expect(done?.claimedAt).toBe(NOW);
      expect(done?.claims).toBeUndefined();
    });

    it('moves a claimed offer to accepted on credential_accepted', async () => {
      const stores = await open();
      const offer = newOffer();
      await stores.offers.insert(offer);
      const t = token();
      await stores.offers.redeem(offer.id, t, NOW);
      const credential = issued(offer.id, 'cfg-a');
      await stores.offers.recordIssuance(credential, NOW);
      expect(await stores.offers.recordNotification('nope', offer.id, 'credential_accepted', NOW)).toBe('unknown');
      expect(await stores.offers.recordNotification(credential.notificationId, offer.id, 'credential_accepted', NOW)).toBe('recorded');
      expect((await stores.offers.getByTokenHash(t.hash))?.status).toBe('accepted');
    });

    it('expires due offers and erases their claims', async () => {
      const stores = await open();
      const due = newOffer({ expiresAt: NOW - 1 });
      const later = newOffer({ expiresAt: NOW + 60_000 });
      await stores.offers.insert(due);
      await stores.offers.insert(later);
      expect(await stores.offers.expireDue(NOW)).toBeGreaterThanOrEqual(1);
      expect(await stores.offers.get(due.id)).toMatchObject({ status: 'expired', claims: undefined });
      expect((await stores.offers.get(later.id))?.status).toBe('pending');
    });

    it('pages offers newest first and filters by status', async () => {
      const stores = await open();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const offer = newOffer();
        ids.push(offer.id);
        await stores.offers.insert(offer);
      }
      await stores.offers.cancel(ids[0]!, NOW);
      const first = await stores.offers.list({ kind: 'pre_authorized', limit: 2 });
      expect(first.items.map((o) => o.id)).toEqual([ids[4], ids[3]]);
      const second = await stores.offers.list({ kind: 'pre_authorized', limit: 2, cursor: first.nextCursor });
      expect(second.items.map((o) => o.id)).toEqual([ids[2], ids[1]]);
      const cancelled = await stores.offers.list({ kind: 'pre_authorized', limit: 100, status: 'cancelled' });
      expect(cancelled.items.map((o) => o.id)).toContain(ids[0]);
      expect(cancelled.items.every((o) => o.status === 'cancelled')).toBe(true);
      await expect(stores.offers.list({ kind: 'pre_authorized', limit: 2, cursor: '!!not-a-cursor' })).rejects.toThrow(InvalidCursorError);
    });

    it('counts open offers that use a configuration', async () => {
      const stores = await open();
      const configurationId = crypto.randomUUID();
      const offer = newOffer({ credentials: [configurationId] });
      await stores.offers.insert(offer);
      expect(await stores.offers.countOpenReferencing(configurationId)).toBe(1);
      await stores.offers.cancel(offer.id, NOW);
      expect(await stores.offers.countOpenReferencing(configurationId)).toBe(0);
    });

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

    it('hands out a pushed authorization request once, and never after it expires', async () => {
      const stores = await open();
      const [live, stale] = [sha256(`par-${Math.random()}`), sha256(`par-${Math.random()}`)];
      await stores.authorizations.pushRequest(live, { client_id: 'w', scope: 'x' }, NOW + 60_000);
      await stores.authorizations.pushRequest(stale, { client_id: 'w' }, NOW);
      const taken = await Promise.all([
        stores.authorizations.takePushedRequest(live, NOW),
        stores.authorizations.takePushedRequest(live, NOW),
      ]);
      expect(taken.filter(Boolean)).toEqual([{ client_id: 'w', scope: 'x' }]);
      expect(await stores.authorizations.takePushedRequest(stale, NOW)).toBeUndefined();
    });
  });
}

function newAuthorization(overrides: Partial<AuthorizationRecord> = {}) {
  return {
    id: crypto.randomUUID(),
    clientId: 'wallet',
    redirectUri: 'https://wallet.example/cb',
    state: 's',
    codeChallenge: 'c'.repeat(43),
    credentials: ['cfg-a'],
    shortCode: '0421',
    codeHash: sha256(`auth-code-${Math.random()}`),
    handleHash: sha256(`handle-${Math.random()}`),
    createdAt: NOW,
    expiresAt: NOW + 600_000,
    ...overrides,
  };
}
