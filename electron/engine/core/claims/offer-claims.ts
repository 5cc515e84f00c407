import type { SealedOfferRecord } from '../store';
import { decodeClaims, openWithSecret, type ClaimsSecret } from './sealed-claims';

/**
 * The holder's data of an offer found by one of the wallet's secrets (DESIGN §9), as the bytes
 * that were sealed; undefined once the offer has ended and its claims were erased.
 */
export async function openOfferClaims(offer: SealedOfferRecord, secret: ClaimsSecret, value: string): Promise<Uint8Array | undefined> {
  return offer.sealedClaims ? openWithSecret(offer.sealedClaims, secret, value, offer.id) : undefined;
}

export async function readOfferClaims(offer: SealedOfferRecord, secret: ClaimsSecret, value: string) {
  const plaintext = await openOfferClaims(offer, secret, value);
  return plaintext ? decodeClaims(plaintext) : undefined;
}
