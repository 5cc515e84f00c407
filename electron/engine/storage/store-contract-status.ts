// The status list half of the store contract (DESIGN §11): allocation, statuses, issued credentials.
import { expect, it } from 'vitest';
import type { IssuedBatchRecord, NewStatusList, Stores } from '../core/store';
import { issued, newOffer, NOW, token, RESEALED } from './store-contract-fixtures';

export const IACA = 'iaca-1';

export const smallList =
  (size = 16, iacaId = IACA) =>
  (): NewStatusList => ({
    id: crypto.randomUUID(),
    uri: `https://counter.test/status/${Math.random()}`,
    iacaId,
    size,
    permutationKey: new Uint8Array(32).fill(7),
    createdAt: NOW,
  });

/** One copy's credential with its status entry (DESIGN §11: each copy of a batch has its own). */
const withEntry = (batch: IssuedBatchRecord, listId: string, idx: number): IssuedBatchRecord => ({
  ...batch,
  copies: batch.copies.map((c) => ({ ...c, statusEntry: { listId, idx } })),
});
const idOf = (batch: IssuedBatchRecord) => batch.copies[0]!.id;

/** An offer whose token is issued, ready to record credentials against. */
async function redeemedOffer(stores: Stores, configurations: string[], userId?: string) {
  const offer = newOffer({ credentials: configurations, ...(userId ? { userId } : {}) });
  await stores.offers.insert(offer);
  await stores.offers.redeem(offer.id, token(), RESEALED, NOW);
  return offer;
}

export function statusContract(open: () => Promise<Stores>): void {
  it('hands every status list position out once, even to concurrent callers, and opens a new list when one is full', async () => {
    const stores = await open();
    const taken = await Promise.all(Array.from({ length: 50 }, () => stores.statusLists.allocate(1, IACA, smallList())));
    const positions = taken.map((t) => `${t.list.id}:${t.first}`);
    expect(new Set(positions).size).toBe(50);
    const lists = await stores.statusLists.list();
    expect(lists.map((l) => l.allocated)).toEqual([16, 16, 16, 2]);
    for (const t of taken) expect(t.first).toBeLessThan(16);
    // A batch takes consecutive positions of one list; one that no longer fits starts the next list.
    const batch = await stores.statusLists.allocate(10, IACA, smallList());
    expect(batch).toMatchObject({ list: { id: lists[3]!.id }, first: 2 });
    const overflow = await stores.statusLists.allocate(5, IACA, smallList());
    expect(overflow.list.id).not.toBe(lists[3]!.id);
    expect(overflow.first).toBe(0);
    expect(await stores.statusLists.get(overflow.list.id)).toMatchObject({ allocated: 5, size: 16, version: 0 });
    await expect(stores.statusLists.allocate(17, IACA, smallList())).rejects.toThrow(/16/);
  });

  it("keeps each IACA's credentials in lists of its own (ISO 18013-5 2nd ed. §12.3.6)", async () => {
    const stores = await open();
    const first = await stores.statusLists.allocate(1, IACA, smallList(16, IACA));
    const other = await stores.statusLists.allocate(1, 'iaca-2', smallList(16, 'iaca-2'));
    expect(other.list.id).not.toBe(first.list.id);
    expect(other.list.iacaId).toBe('iaca-2');
    // Back to the first IACA: its own list again, not the newer one of the other IACA.
    const again = await stores.statusLists.allocate(1, IACA, smallList(16, IACA));
    expect(again).toMatchObject({ list: { id: first.list.id, iacaId: IACA }, first: 1 });
    await expect(stores.statusLists.allocate(1, 'iaca-3', smallList(16, IACA))).rejects.toThrow(/IACA/);
    expect((await stores.statusLists.list()).map((l) => l.iacaId)).toEqual([IACA, 'iaca-2']);
  });

  it('records a status entry with the credential and makes invalid final, moving its list version on', async () => {
    const stores = await open();
    const { list } = await stores.statusLists.allocate(2, IACA, smallList());
    const offer = await redeemedOffer(stores, ['cfg-a', 'cfg-b'], 'user-7');
    const revoked = { ...withEntry(issued(offer.id, 'cfg-a'), list.id, 11), userId: 'user-7' };
    const plain = issued(offer.id, 'cfg-b');
    expect(await stores.offers.recordIssuance(revoked, NOW)).toBe('issued');
    expect(await stores.offers.recordIssuance(plain, NOW)).toBe('issued');
    expect(await stores.credentials.get(idOf(revoked))).toMatchObject({
      status: 'valid',
      userId: 'user-7',
      statusEntry: { listId: list.id, idx: 11 },
    });

    expect(await stores.credentials.setStatus(idOf(revoked), 'valid', undefined, NOW)).toBe('unchanged');
    expect(await stores.credentials.setStatus(idOf(revoked), 'invalid', 'lost_or_stolen', NOW + 5)).toBe('changed');
    expect(await stores.credentials.setStatus(idOf(revoked), 'invalid', 'other', NOW + 6)).toBe('unchanged');
    expect(await stores.credentials.setStatus(idOf(revoked), 'valid', undefined, NOW + 7)).toBe('final');
    expect(await stores.credentials.get(idOf(revoked))).toMatchObject({
      status: 'invalid',
      statusReason: 'lost_or_stolen',
      statusChangedAt: NOW + 5,
    });
    expect(await stores.credentials.setStatus(idOf(plain), 'invalid', undefined, NOW)).toBe('no_status');
    expect(await stores.credentials.setStatus(crypto.randomUUID(), 'invalid', undefined, NOW)).toBe('not_found');
    expect(await stores.statusLists.invalidIndices(list.id)).toEqual([11]);
    expect((await stores.statusLists.get(list.id))?.version).toBe(1);
  });

  it('never gives one index of a list to two credentials', async () => {
    const stores = await open();
    const { list } = await stores.statusLists.allocate(1, IACA, smallList());
    const offer = await redeemedOffer(stores, ['cfg-a', 'cfg-b']);
    expect(await stores.offers.recordIssuance(withEntry(issued(offer.id, 'cfg-a'), list.id, 3), NOW)).toBe('issued');
    await expect(
      stores.offers.recordIssuance(withEntry(issued(offer.id, 'cfg-b'), list.id, 3), NOW).then((outcome) => {
        if (outcome !== 'issued') throw new Error(outcome);
      }),
    ).rejects.toThrow();
  });

  it('records every copy of a batch as a credential of its own, with its own status entry and status', async () => {
    const stores = await open();
    const { list } = await stores.statusLists.allocate(3, IACA, smallList());
    const offer = await redeemedOffer(stores, ['cfg-a'], 'user-9');
    const batch = issued(offer.id, 'cfg-a', 3);
    const copies = batch.copies.map((c, i) => ({ ...c, statusEntry: { listId: list.id, idx: [4, 9, 1][i]! } }));
    expect(await stores.offers.recordIssuance({ ...batch, userId: 'user-9', copies }, NOW)).toBe('issued');
    const listed = await stores.credentials.list({ limit: 10, offerId: offer.id });
    expect(listed.items.map((c) => c.statusEntry?.idx).sort((a, b) => a! - b!)).toEqual([1, 4, 9]);
    expect(new Set(listed.items.map((c) => c.id))).toEqual(new Set(copies.map((c) => c.id)));
    expect(listed.items.every((c) => c.userId === 'user-9' && c.configurationId === 'cfg-a')).toBe(true);
    // Revoking one copy leaves the others valid.
    expect(await stores.credentials.setStatus(copies[1]!.id, 'invalid', undefined, NOW)).toBe('changed');
    expect(await stores.statusLists.invalidIndices(list.id)).toEqual([9]);
    expect((await stores.credentials.get(copies[0]!.id))?.status).toBe('valid');
    expect((await stores.credentials.get(copies[2]!.id))?.status).toBe('valid');
  });

  it('lists issued credentials newest first, by userId, offer or time, in pages', async () => {
    const stores = await open();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const offer = await redeemedOffer(stores, ['cfg-a'], i % 2 === 0 ? 'even' : 'odd');
      const credential = { ...issued(offer.id, 'cfg-a'), issuedAt: NOW + i * 1000, userId: i % 2 === 0 ? 'even' : 'odd' };
      await stores.offers.recordIssuance(credential, NOW);
      ids.push(idOf(credential));
    }
    const first = await stores.credentials.list({ limit: 2, userId: 'even' });
    expect(first.items.map((c) => c.id)).toEqual([ids[4], ids[2]]);
    const second = await stores.credentials.list({ limit: 2, userId: 'even', cursor: first.nextCursor });
    expect(second.items.map((c) => c.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeUndefined();
    const offerId = (await stores.credentials.get(ids[3]!))!.offerId;
    const byOffer = await stores.credentials.list({ limit: 10, offerId });
    expect(byOffer.items.map((c) => c.id)).toEqual([ids[3]]);
    // By the start of the offer id, as the counter shows it (a short reference).
    const byPrefix = await stores.credentials.list({ limit: 10, offerIdPrefix: offerId.slice(0, 8) });
    expect(byPrefix.items.map((c) => c.id)).toEqual([ids[3]]);
    const lastHex = offerId[7] === 'f' ? 'e' : 'f';
    expect((await stores.credentials.list({ limit: 10, offerIdPrefix: offerId.slice(0, 7) + lastHex })).items).toEqual([]);
    const window = await stores.credentials.list({ limit: 10, issuedFrom: NOW + 1000, issuedTo: NOW + 3000 });
    expect(window.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
  });

  it('keeps a signed token only when it is newer than the stored one', async () => {
    const stores = await open();
    const { list } = await stores.statusLists.allocate(1, IACA, smallList());
    const token = (version: number, issuedAt: number) => ({
      bytes: new Uint8Array([version, issuedAt % 256]),
      issuedAt,
      expiresAt: issuedAt + 60_000,
      version,
    });
    expect(await stores.statusLists.saveToken(list.id, token(0, NOW))).toBe(true);
    expect(await stores.statusLists.saveToken(list.id, token(0, NOW))).toBe(false);
    expect(await stores.statusLists.saveToken(list.id, token(1, NOW + 1000))).toBe(true);
    expect(await stores.statusLists.saveToken(list.id, token(0, NOW + 2000))).toBe(false);
    expect((await stores.statusLists.get(list.id))?.token).toEqual(token(1, NOW + 1000));
  });
}
