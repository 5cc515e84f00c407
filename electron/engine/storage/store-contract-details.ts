// authorization_details in the store contract (DESIGN §6; OID4VCI 1.0 §5.1.1, §6.2, §8.2): what an
// authorization request named by authorization_details, and what an access token's response
// described with credential identifiers, read back as written by every store.
import { expect, it } from 'vitest';
import type { Stores } from '../core/store';
import { issued, newAuthorization, newOffer, NOW, RESEALED, token } from './store-contract-fixtures';

export function detailsContract(open: () => Promise<Stores>): void {
  it('keeps the configurations an authorization request named in authorization_details, and none for one by scope', async () => {
    const stores = await open();
    const byDetails = newAuthorization({ credentials: ['cfg-a', 'cfg-b'], detailsCredentials: ['cfg-b'] });
    const byScope = newAuthorization({ shortCode: '0422' });
    await stores.authorizations.insert(byDetails);
    await stores.authorizations.insert(byScope);
    expect(await stores.authorizations.get(byDetails.id)).toMatchObject({ credentials: ['cfg-a', 'cfg-b'], detailsCredentials: ['cfg-b'] });
    expect((await stores.authorizations.getByHandleHash(byDetails.handleHash))?.detailsCredentials).toEqual(['cfg-b']);
    expect(await stores.authorizations.get(byScope.id)).not.toHaveProperty('detailsCredentials');
    const page = await stores.authorizations.list({ limit: 10, shortCode: byDetails.shortCode });
    expect(page.items.find((a) => a.id === byDetails.id)?.detailsCredentials).toEqual(['cfg-b']);
  });

  it('keeps the configurations a token was granted by authorization_details, and claims the offer once those are issued', async () => {
    const stores = await open();
    const offer = newOffer({ credentials: ['cfg-a', 'cfg-b'] });
    await stores.offers.insert(offer);
    expect(await stores.offers.get(offer.id)).not.toHaveProperty('detailsCredentials');
    const t = { ...token(), detailsCredentials: ['cfg-b'] };
    expect(await stores.offers.redeem(offer.id, t, RESEALED, NOW)).toBe(true);
    expect((await stores.offers.getByTokenHash(t.hash))?.detailsCredentials).toEqual(['cfg-b']);
    expect((await stores.offers.get(offer.id))?.detailsCredentials).toEqual(['cfg-b']);
    // The token may issue cfg-b only, so with cfg-b the offer is done and its claims erased.
    expect(await stores.offers.recordIssuance(issued(offer.id, 'cfg-b', 2), NOW)).toBe('issued');
    expect(await stores.offers.get(offer.id)).toMatchObject({ status: 'claimed', issued: ['cfg-b'], issuedCopies: 2 });
    expect((await stores.offers.getByTokenHash(t.hash))?.sealedClaims).toBeUndefined();

    // A token without authorization_details may issue every configuration offered.
    const plain = newOffer({ credentials: ['cfg-a', 'cfg-b'] });
    await stores.offers.insert(plain);
    const p = token();
    expect(await stores.offers.redeem(plain.id, p, RESEALED, NOW)).toBe(true);
    expect(await stores.offers.getByTokenHash(p.hash)).not.toHaveProperty('detailsCredentials');
    expect(await stores.offers.recordIssuance(issued(plain.id, 'cfg-b'), NOW)).toBe('issued');
    expect((await stores.offers.get(plain.id))?.status).toBe('token_issued');
    expect(await stores.offers.recordIssuance(issued(plain.id, 'cfg-a'), NOW)).toBe('issued');
    expect((await stores.offers.get(plain.id))?.status).toBe('claimed');
  });

  it('keeps the configurations of a losing redemption out: the first token stays as it was granted', async () => {
    const stores = await open();
    const offer = newOffer({ credentials: ['cfg-a', 'cfg-b'] });
    await stores.offers.insert(offer);
    const first = { ...token(1), detailsCredentials: ['cfg-a'] };
    const second = { ...token(2), detailsCredentials: ['cfg-a', 'cfg-b'] };
    expect(await stores.offers.redeem(offer.id, first, RESEALED, NOW)).toBe(true);
    expect(await stores.offers.redeem(offer.id, second, RESEALED, NOW)).toBe(false);
    expect((await stores.offers.get(offer.id))?.detailsCredentials).toEqual(['cfg-a']);
    expect(await stores.offers.getByTokenHash(second.hash)).toBeUndefined();
  });
}
