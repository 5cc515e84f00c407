import type { z } from 'zod';
import type { OfferList, OfferSummary } from '../../../../shared/api/z-pre-authorized-offer';
import type { zOfferListQuery } from '../../../../shared/api/z-list-query';
import { settleExpiries } from '../housekeeping';
import type { EngineContext, RequestInfo } from '../context';
import { conflict, notFound } from '../errors/management-error';
import { parseId } from '../errors/parse-input';
import { effectiveStatus, offerSummary } from './offer-view';
import { issuedFromOffer } from '../status/manage-status';

const parseOfferId = (id: string): string => parseId(id, 'offer');

export async function getOffer(ctx: EngineContext, id: string): Promise<OfferSummary> {
  const offer = await ctx.stores.offers.get(parseOfferId(id));
  if (!offer || offer.kind !== 'pre_authorized') throw notFound('Offer not found');
  return { ...offerSummary(offer, ctx.clock.now()), issuedCredentials: await issuedFromOffer(ctx, offer.id) };
}

export async function listOffers(ctx: EngineContext, q: z.output<typeof zOfferListQuery>): Promise<OfferList> {
  const now = ctx.clock.now();
  // Settle expiries first so that a status filter sees what a reader would.
  await settleExpiries(() => ctx.stores.offers.expireDue(now));
  const page = await ctx.stores.offers.list({ kind: 'pre_authorized', status: q.status, limit: q.limit, cursor: q.cursor });
  return { data: page.items.map((o) => offerSummary(o, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** DELETE /v1/openid/offers/pre-authorized/{id}: 204 until a credential has been issued, then 409. */
export function cancelOffer(ctx: EngineContext, id: string, request: RequestInfo): Promise<void> {
  return ctx.events.operation('OPENID_PRE_AUTHORIZED_OFFER_DELETE', request, { offerId: id }, async () => {
    const offerId = parseOfferId(id);
    if ((await ctx.stores.offers.get(offerId))?.kind === 'authorization_code') throw notFound('Offer not found');
    const outcome = await ctx.stores.offers.cancel(offerId, ctx.clock.now());
    if (outcome === 'not_found') throw notFound('Offer not found');
    if (outcome === 'claimed') throw conflict('A credential has already been issued from this offer; it can no longer be deleted');
    ctx.offerChanges.notify(offerId);
  });
}

/** How much *+5 min* adds (DESIGN §14). */
export const EXTEND_SECONDS = 300;

/**
 * POST /v1/openid/offers/pre-authorized/{id}/extend: five more minutes for an offer still waiting
 * for the wallet, never past its maximum lifetime (maxOfferSeconds from its creation, DESIGN §3).
 */
export function extendOffer(ctx: EngineContext, id: string, request: RequestInfo): Promise<OfferSummary> {
  return ctx.events.operation('OPENID_PRE_AUTHORIZED_OFFER_EXTEND', request, { offerId: id }, async () => {
    const offerId = parseOfferId(id);
    const offer = await ctx.stores.offers.get(offerId);
    if (!offer || offer.kind !== 'pre_authorized') throw notFound('Offer not found');
    const now = ctx.clock.now();
    if (effectiveStatus(offer, now) !== 'pending') throw conflict('Only an offer still waiting for the wallet can be extended');
    const latest = offer.createdAt + ctx.settings.maxOfferSeconds * 1000;
    const expiresAt = Math.min(offer.expiresAt + EXTEND_SECONDS * 1000, latest);
    if (expiresAt <= offer.expiresAt) throw conflict(`The offer already lasts its maximum of ${ctx.settings.maxOfferSeconds / 60} minutes`);
    if (!(await ctx.stores.offers.extend(offerId, expiresAt, now)))
      throw conflict('Only an offer still waiting for the wallet can be extended');
    ctx.offerChanges.notify(offerId);
    return offerSummary({ ...offer, expiresAt }, now);
  });
}
