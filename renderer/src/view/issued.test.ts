import { describe, expect, it } from 'vitest';
import { credentialState, EMPTY_SEARCH, issuedQuery } from './issued';

describe('the Issued credentials search', () => {
  it('finds by userId, by the offer reference Activity shows or its whole id, and by days in the office format', () => {
    expect(issuedQuery({ ...EMPTY_SEARCH, userId: '  holder-7 ' }, 'dd/mm/yyyy')).toEqual({ query: { limit: 50, userId: 'holder-7' } });
    expect(issuedQuery({ ...EMPTY_SEARCH, offer: '3F9A' }, 'dd/mm/yyyy')).toEqual({ query: { limit: 50, offerReference: '3f9a' } });
    const id = '0B7C1D2E-1111-4222-8333-444455556666';
    expect(issuedQuery({ ...EMPTY_SEARCH, offer: id }, 'dd/mm/yyyy')).toEqual({ query: { limit: 50, offerId: id.toLowerCase() } });
    const result = issuedQuery({ ...EMPTY_SEARCH, from: '01/12/2026', to: '02/12/2026' }, 'dd/mm/yyyy');
    expect(result).toEqual({
      query: { limit: 50, issuedFrom: new Date(2026, 11, 1).toISOString(), issuedTo: new Date(2026, 11, 3).toISOString() },
    });
    expect(issuedQuery({ ...EMPTY_SEARCH, from: '12/01/2026' }, 'mm/dd/yyyy')).toEqual({
      query: { limit: 50, issuedFrom: new Date(2026, 11, 1).toISOString() },
    });
  });

  it('names the field it cannot read', () => {
    expect(issuedQuery({ ...EMPTY_SEARCH, offer: 'XYZ' }, 'dd/mm/yyyy')).toEqual({ invalid: 'offer' });
    expect(issuedQuery({ ...EMPTY_SEARCH, offer: '3F9' }, 'dd/mm/yyyy')).toEqual({ invalid: 'offer' });
    expect(issuedQuery({ ...EMPTY_SEARCH, from: '31/02/2026' }, 'dd/mm/yyyy')).toEqual({ invalid: 'from' });
    expect(issuedQuery({ ...EMPTY_SEARCH, to: 'yesterday' }, 'dd/mm/yyyy')).toEqual({ invalid: 'to' });
  });

  it('offers Revoke only for a valid credential with a status list entry', () => {
    const entry = { idx: 7, uri: 'https://counter.test/l' };
    expect(credentialState({ status: 'valid', statusList: entry })).toEqual({ key: 'valid', tone: 'success', revocable: true });
    expect(credentialState({ status: 'invalid', statusList: entry })).toEqual({ key: 'invalid', tone: 'danger', revocable: false });
    expect(credentialState({ status: 'valid' })).toEqual({ key: 'noStatus', tone: 'neutral', revocable: false });
  });
});
