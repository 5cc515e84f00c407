import type { CodeOfferSummary } from '../../../shared/api/z-authorization';

/** The posters still in use (not revoked), newest first. */
export const activePosters = (offers: readonly CodeOfferSummary[]): CodeOfferSummary[] =>
  offers.filter((o) => !o.revokedAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
