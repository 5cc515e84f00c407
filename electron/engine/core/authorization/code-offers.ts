import type { z } from 'zod';
import { zCreateCodeOfferRequest, type CodeOfferSummary } from '../../../../shared/api/z-authorization';
import type { EngineContext, RequestInfo } from '../context';
import { notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import { resolveConfigurations } from '../claims/validate-claims';
import type { CodeOfferRecord } from '../store';
import { iso } from '../util/clock';
import type { zCodeOfferListQuery } from '../../../../shared/api/z-list-query';
import { newSecret } from '../util/secrets';
import { authorizationCodeOffer, offerUriByValue } from '../offers/credential-offer';

const codeOfferUri = (issuer: string, offer: CodeOfferRecord) => offerUriByValue(authorizationCodeOffer(issuer, offer));

const summary = (issuer: string, o: CodeOfferRecord): CodeOfferSummary => ({
  id: o.id,
  uri: codeOfferUri(issuer, o),
  credentials: o.credentials,
  createdAt: iso(o.createdAt),
  ...(o.revokedAt ? { revokedAt: iso(o.revokedAt) } : {}),
});

/** POST /v1/openid/offers → 201 {uri} (plus id, to revoke it later). */
export function createCodeOffer(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<{ id: string; uri: string }> {
  const data: Record<string, string | string[]> = {};
  return ctx.events.operation('OPENID_OFFER_CREATE', request, data, async () => {
    const body = parseManagementInput(zCreateCodeOfferRequest, input);
    data.credentials = body.credentials;
    await resolveConfigurations(ctx, body.credentials, 'credentials');
    const offer: CodeOfferRecord = {
      id: ctx.random.uuid(),
      credentials: body.credentials,
      issuerState: newSecret(ctx.random),
      ...(body.request_parameters ? { requestParameters: body.request_parameters } : {}),
      createdAt: ctx.clock.now(),
    };
    await ctx.stores.codeOffers.insert(offer);
    data.offerId = offer.id;
    return { id: offer.id, uri: codeOfferUri(ctx.settings.credentialIssuer, offer) };
  });
}

/** GET /v1/openid/offers, newest first. */
export async function listCodeOffers(ctx: EngineContext, query: z.output<typeof zCodeOfferListQuery>) {
  const page = await ctx.stores.codeOffers.list(query);
  return {
    data: page.items.map((o) => summary(ctx.settings.credentialIssuer, o)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** DELETE /v1/openid/offers/{id}: no new authorizations from it; pending ones are rejected. */
export async function revokeCodeOffer(ctx: EngineContext, id: string): Promise<void> {
  const now = ctx.clock.now();
  parseId(id, 'offer');
  const revoked = await ctx.stores.transaction(async (tx) => {
    if (!(await tx.codeOffers.revoke(id, now))) return false;
    await tx.authorizations.rejectPendingFrom(id, now);
    return true;
  });
  if (!revoked) throw notFound('Offer not found or already revoked');
  ctx.authorizationChanges.notify();
}
