import type { IssuedCredential } from '../../../shared/api/z-credential-status';
import type { IssuedCredentialQuery } from '../../../shared/api/z-list-query';
import type { DateFormat } from '../preferences/preferences';
import { parseDateText } from './dates';
import type { Tone } from './offer-status';

// The Issued credentials screen's search (DESIGN §11): by the userId given at the counter, by the
// offer (its short reference as Activity shows it, or its whole id), or by the days it was issued.

export interface IssuedSearch {
  userId: string;
  offer: string;
  from: string;
  to: string;
}

export const EMPTY_SEARCH: IssuedSearch = { userId: '', offer: '', from: '', to: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^[0-9a-f]{4,8}$/i;

/** Local midnight of a full-date, as the engine's ISO instant. */
const midnight = (fullDate: string, plusDays = 0) => {
  const [y, m, d] = fullDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
};

export type IssuedQueryResult = { query: IssuedCredentialQuery } | { invalid: 'offer' | 'from' | 'to' };

/**
 * The form → the list query, or the field that cannot be read. Days are the office's: `from` is
 * that day's start and `to` takes the whole day in, both in the kiosk's time zone.
 */
export function issuedQuery(search: IssuedSearch, format: DateFormat, limit = 50): IssuedQueryResult {
  const query: IssuedCredentialQuery = { limit };
  const userId = search.userId.trim();
  if (userId) query.userId = userId;
  const offer = search.offer.trim().replace(/\s+/g, '');
  if (offer) {
    if (UUID.test(offer)) query.offerId = offer.toLowerCase();
    else if (REFERENCE.test(offer)) query.offerReference = offer.toLowerCase();
    else return { invalid: 'offer' };
  }
  for (const [field, plus] of [
    ['from', 0],
    ['to', 1],
  ] as const) {
    const text = search[field].trim();
    if (!text) continue;
    const day = parseDateText(text, format);
    if (!day) return { invalid: field };
    query[field === 'from' ? 'issuedFrom' : 'issuedTo'] = midnight(day, plus);
  }
  return { query };
}

/** What the row says and how it looks: valid, revoked (for good), or without a status list (cannot be revoked). */
export function credentialState(credential: Pick<IssuedCredential, 'status' | 'statusList'>): {
  key: 'valid' | 'invalid' | 'noStatus';
  tone: Tone;
  revocable: boolean;
} {
  if (credential.status === 'invalid') return { key: 'invalid', tone: 'danger', revocable: false };
  if (!credential.statusList) return { key: 'noStatus', tone: 'neutral', revocable: false };
  return { key: 'valid', tone: 'success', revocable: true };
}
