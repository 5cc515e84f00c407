import { describe, expect, it } from 'vitest';
import type { CodeOfferSummary } from '../../../shared/api/z-authorization';
import { activePosters } from './posters';

const offer = (id: string, createdAt: string, revokedAt?: string): CodeOfferSummary => ({
  id,
  uri: `openid-credential-offer://?${id}`,
  credentials: ['c'],
  createdAt,
  ...(revokedAt ? { revokedAt } : {}),
});

describe('activePosters', () => {
  it('leaves out revoked posters and puts the newest first', () => {
    const list = [
      offer('a', '2026-01-01T09:00:00Z'),
      offer('b', '2026-01-02T09:00:00Z', '2026-01-03T09:00:00Z'),
      offer('c', '2026-01-03T09:00:00Z'),
    ];
    expect(activePosters(list).map((o) => o.id)).toEqual(['c', 'a']);
  });
});
