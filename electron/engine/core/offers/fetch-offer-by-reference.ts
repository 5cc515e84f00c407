import type { EngineContext } from '../context';
import { OAuthError } from '../errors/oauth-error';
import { sha256 } from '../util/secrets';
import { preAuthorizedOffer, type CredentialOffer } from './credential-offer';
import { codeFromReference } from './offer-secrets';
import { effectiveStatus } from './offer-view';

/** GET /v1/openid/credential-offers/{reference} (OID4VCI 1.0 §4.1.3): the offer, while it can still be redeemed. */
export async function fetchOfferByReference(ctx: EngineContext, reference: string): Promise<CredentialOffer> {
  const offer = reference.length <= 100 ? await ctx.stores.offers.getByReferenceHash(sha256(reference)) : undefined;
  const now = ctx.clock.now();
  if (!offer || effectiveStatus(offer, now) !== 'pending') {
    throw new OAuthError(404, 'invalid_request', 'This credential offer does not exist or can no longer be used');
  }
  if (!offer.scannedAt) {
    await ctx.stores.offers.markScanned(offer.id, now);
    ctx.offerChanges.notify(offer.id);
  }
  return preAuthorizedOffer({
    credentialIssuer: ctx.settings.credentialIssuer,
    configurationIds: offer.credentials,
    preAuthorizedCode: codeFromReference(reference),
    txCode: offer.txCode,
  });
}
