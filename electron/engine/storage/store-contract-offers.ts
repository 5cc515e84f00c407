// The offer half of the store contract (DESIGN §6): single-use transitions, erasure, paging.
import { expect, it } from 'vitest';
import type { Stores } from '../core/store';
import { InvalidCursorError } from '../core/store-errors';
import { sha256 } from '../core/util/secrets';
import { issued, newOffer, NOW, RESEALED, SEALED, token } from './store-contract-fixtures';

export function offerContract(open: () => Promise<Stores>): void {
  it('stores an offer and finds it by id and code hash', async () => {
    const stores = await open();
    const offer = newOffer({ userId: 'u1', txCode: { hash: sha256('tx'), inputMode: 'numeric', length: 6 } });
    await stores.offers.insert(offer);
    const byId = await stores.offers.get(offer.id);
    expect(byId).toMatchObject({ id: offer.id, userId: 'u1', status: 'pending', strikes: 0, issued: [] });
    expect(byId?.txCode?.inputMode).toBe('numeric');
    // Views by id never carry the holder's data; lookups by a wallet secret do.
    expect(byId).not.toHaveProperty('sealedClaims');
    const byCode = await stores.offers.getByCodeHash(offer.codeHash);
    expect(byCode?.id).toBe(offer.id);
    expect(Buffer.from(byCode!.sealedClaims!)).toEqual(SEALED);
    expect(await stores.offers.get(crypto.randomUUID())).toBeUndefined();
  });

  it('lets exactly one of many concurrent redemptions win', async () => {
    const stores = await open();
    const offer = newOffer();
    await stores.offers.insert(offer);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores.offers.redeem(offer.id, token(i), RESEALED, NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await stores.offers.get(offer.id))?.status).toBe('token_issued');
  });

  it('does not redeem an expired offer', async () => {
    const stores = await open();
    const offer = newOffer({ expiresAt: NOW });
    await stores.offers.insert(offer);
    expect(await stores.offers.redeem(offer.id, token(), RESEALED, NOW)).toBe(false);
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
    expect((await stores.offers.getByCodeHash(offer.codeHash))?.sealedClaims).toBeUndefined();
    expect(await stores.offers.redeem(offer.id, token(), RESEALED, NOW)).toBe(false);
    expect(await stores.offers.strike(offer.id, 3, NOW)).toBeUndefined();
  });

  it('cancels until a credential is issued, then refuses', async () => {
    const stores = await open();
    const open1 = newOffer();
    await stores.offers.insert(open1);
    expect(await stores.offers.cancel(open1.id, NOW)).toBe('cancelled');
    expect((await stores.offers.getByCodeHash(open1.codeHash))?.sealedClaims).toBeUndefined();
    expect(await stores.offers.cancel(open1.id, NOW)).toBe('already_cancelled');
    expect(await stores.offers.cancel(crypto.randomUUID(), NOW)).toBe('not_found');

    const claimed = newOffer();
    await stores.offers.insert(claimed);
    await stores.offers.redeem(claimed.id, token(), RESEALED, NOW);
    expect(await stores.offers.recordIssuance(issued(claimed.id, 'cfg-a'), NOW)).toBe('issued');
    expect(await stores.offers.cancel(claimed.id, NOW)).toBe('claimed');
  });

  it('records each configuration once and claims the offer when all are issued', async () => {
    const stores = await open();
    const offer = newOffer({ credentials: ['cfg-a', 'cfg-b'] });
    await stores.offers.insert(offer);
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a'), NOW)).toBe('inactive');
    const t = token();
    expect(await stores.offers.redeem(offer.id, t, RESEALED, NOW)).toBe(true);
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a'), NOW)).toBe('issued');
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a'), NOW)).toBe('duplicate');
    const half = await stores.offers.get(offer.id);
    expect(half).toMatchObject({ status: 'token_issued', issued: ['cfg-a'] });
    expect(Buffer.from((await stores.offers.getByTokenHash(t.hash))!.sealedClaims!)).toEqual(RESEALED);
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-b'), NOW)).toBe('issued');
    const done = await stores.offers.get(offer.id);
    expect(done?.status).toBe('claimed');
    expect(done?.claimedAt).toBe(NOW);
    expect((await stores.offers.getByTokenHash(t.hash))?.sealedClaims).toBeUndefined();
  });

  it('records a batch as one: all its copies, counted; a second batch of the same configuration is a duplicate', async () => {
    const stores = await open();
    const offer = newOffer({ credentials: ['cfg-a', 'cfg-b'] });
    await stores.offers.insert(offer);
    await stores.offers.redeem(offer.id, token(), RESEALED, NOW);
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a', 5), NOW)).toBe('issued');
    expect(await stores.offers.get(offer.id)).toMatchObject({ status: 'token_issued', issued: ['cfg-a'], issuedCopies: 5 });
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-a', 3), NOW)).toBe('duplicate');
    expect((await stores.offers.get(offer.id))?.issuedCopies).toBe(5);
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-b', 2), NOW)).toBe('issued');
    expect(await stores.offers.get(offer.id)).toMatchObject({ status: 'claimed', issuedCopies: 7 });
    // A batch's copies are one notification_id (OID4VCI 1.0 §8.3).
    const other = newOffer();
    await stores.offers.insert(other);
    await stores.offers.redeem(other.id, token(), RESEALED, NOW);
    const batch = issued(other.id, 'cfg-a', 3);
    await stores.offers.recordIssuance(batch, NOW);
    expect(await stores.offers.recordNotification(batch.notificationId, other.id, 'credential_accepted', NOW)).toBe('recorded');
    expect(await stores.offers.get(other.id)).toMatchObject({ status: 'accepted', issuedCopies: 3 });
  });

  it('keeps the DPoP key an access token is bound to, and none for a Bearer token', async () => {
    const stores = await open();
    const bound = newOffer();
    const bearer = newOffer();
    await stores.offers.insert(bound);
    await stores.offers.insert(bearer);
    const t1 = { ...token(), jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' };
    const t2 = token();
    expect(await stores.offers.redeem(bound.id, t1, RESEALED, NOW)).toBe(true);
    expect(await stores.offers.redeem(bearer.id, t2, RESEALED, NOW)).toBe(true);
    expect((await stores.offers.getByTokenHash(t1.hash))?.tokenJkt).toBe(t1.jkt);
    expect((await stores.offers.getByTokenHash(t2.hash))?.tokenJkt).toBeUndefined();
    expect((await stores.offers.get(bound.id))?.issuedCopies).toBe(0);
  });

  it('moves a claimed offer to accepted on credential_accepted', async () => {
    const stores = await open();
    const offer = newOffer();
    await stores.offers.insert(offer);
    const t = token();
    await stores.offers.redeem(offer.id, t, RESEALED, NOW);
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
    expect(await stores.offers.get(due.id)).toMatchObject({ status: 'expired' });
    expect((await stores.offers.getByCodeHash(due.codeHash))?.sealedClaims).toBeUndefined();
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
}
