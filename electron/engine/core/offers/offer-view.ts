import type { OfferStatus, OfferSummary } from '../../../../shared/api/z-pre-authorized-offer';
import type { OfferRecord } from '../store';
import { iso } from '../util/clock';

/** The status a reader should see now, even if the expiry sweep has not run yet. */
export function effectiveStatus(offer: OfferRecord, now: number): OfferStatus {
  if (offer.status === 'pending' && offer.expiresAt <= now) return 'expired';
  if (offer.status === 'token_issued' && (offer.tokenExpiresAt ?? 0) <= now) return 'expired';
  return offer.status;
}

/** What the management API shows of an offer: never the claims, codes or tokens. */
export function offerSummary(offer: OfferRecord, now: number): OfferSummary {
  return {
    id: offer.id,
    ...(offer.userId ? { userId: offer.userId } : {}),
    credentials: offer.credentials,
    status: effectiveStatus(offer, now),
    createdAt: iso(offer.createdAt),
    expiresAt: iso(offer.expiresAt),
    ...(offer.scannedAt ? { scannedAt: iso(offer.scannedAt) } : {}),
    ...(offer.tokenIssuedAt ? { tokenIssuedAt: iso(offer.tokenIssuedAt) } : {}),
    ...(offer.claimedAt ? { claimedAt: iso(offer.claimedAt) } : {}),
    ...(offer.acceptedAt ? { acceptedAt: iso(offer.acceptedAt) } : {}),
    ...(offer.issuedCopies > 0 ? { issuedCopies: offer.issuedCopies } : {}),
  };
}
