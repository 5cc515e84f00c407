import type { SealedOfferRecord } from '../store';

/** What a grant hands the token endpoint: the offer, and how to open its claims with the secret it was shown. */
export interface Grant {
  offer: SealedOfferRecord;
  /** The sealed claims' plaintext (DESIGN §9); undefined when the offer ended in the meantime. */
  openClaims(): Promise<Uint8Array | undefined>;
  /** RFC 9449 §10: the thumbprint of the only DPoP key that may redeem this grant (dpop_jkt). */
  boundJkt?: string;
  /** OID4VCI 1.0 §6.2: the authorization request used authorization_details, so the token response describes them. */
  detailsRequested?: boolean;
}
