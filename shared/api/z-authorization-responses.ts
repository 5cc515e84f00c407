import { z } from 'zod';
import { zAuthorizationSummary, zCodeOfferSummary, type zAuthorizationStatus } from './z-authorization';

// Answers of the Authorization Code management routes, beside the request schemas in z-authorization.ts.

export type AuthorizationStatus = z.infer<typeof zAuthorizationStatus>;

/** GET /v1/openid/authorizations */
export const zAuthorizationList = z.object({ data: z.array(zAuthorizationSummary), nextCursor: z.string().optional() });
export type AuthorizationList = z.infer<typeof zAuthorizationList>;

/** GET /v1/openid/authorizations/events: the data of each `authorizations` event (the pending ones). */
export const zAuthorizationsEventData = z.object({ data: z.array(zAuthorizationSummary) });

/** POST /v1/openid/offers → 201 */
export const zCreatedCodeOffer = z.object({ id: z.uuid(), uri: z.string() });
export type CreatedCodeOffer = z.infer<typeof zCreatedCodeOffer>;

/** GET /v1/openid/offers */
export const zCodeOfferList = z.object({ data: z.array(zCodeOfferSummary), nextCursor: z.string().optional() });
export type CodeOfferList = z.infer<typeof zCodeOfferList>;
