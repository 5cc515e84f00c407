import type { CodeOfferSummary } from '../../../shared/api/z-authorization';

/** The posters still in use (not revoked), newest first. */
export const activePosters = (offers: readonly CodeOfferSummary[]): CodeOfferSummary[] =>
  offers.filter((o) => !o.revokedAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/** What the holder reads on the poster: how the Authorization Code flow goes at this counter. */
export const posterSteps: readonly string[] = [
  'Scan this QR code with your wallet app.',
  'Your phone shows a 4-digit code.',
  'Show that code and your identity document at the counter.',
];
