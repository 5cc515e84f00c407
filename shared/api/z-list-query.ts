import { z } from 'zod';
import { zAuthorizationStatus } from './z-authorization';
import { zOfferStatus } from './z-pre-authorized-offer';

// The one list query (DESIGN §3: `?status=&limit=&cursor=`), read from a URL by the engine and from
// IPC arguments by the Electron main process: the same limits whichever way a list is asked for.

/** The page fields of every paged list: `limit` 1–1000 (default 100) and an opaque `cursor` (a previous `nextCursor`). */
export const zPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(100).optional(),
});

/** A list's query: the page fields plus that list's own filters. */
export const listQuery = <T extends z.ZodRawShape>(filters: T) => zPageQuery.extend(filters);

export const zOfferListQuery = listQuery({ status: zOfferStatus.optional() });
/** `code`: the short code a holder shows the clerk (DESIGN §8), to find their request by. */
export const zAuthorizationListQuery = listQuery({
  status: zAuthorizationStatus.optional(),
  code: z
    .string()
    .regex(/^\d{4}$/, 'a 4-digit code')
    .optional(),
});
export const zEventListQuery = listQuery({ type: z.string().min(1).max(100).optional() });
export const zCodeOfferListQuery = zPageQuery;

/**
 * GET /v2/credentials/mobile/issued (DESIGN §11): by userId, by offer (its id, or `offerReference`:
 * the first 4–8 hex digits of its id, the short reference the counter UI shows), or issued in
 * [issuedFrom, issuedTo); newest first.
 */
export const zIssuedCredentialQuery = listQuery({
  userId: z.string().min(1).max(256).optional(),
  offerId: z.uuid().optional(),
  offerReference: z
    .string()
    .regex(/^[0-9a-fA-F]{4,8}$/, '4 to 8 hex digits')
    .optional(),
  issuedFrom: z.iso.datetime({ offset: true }).optional(),
  issuedTo: z.iso.datetime({ offset: true }).optional(),
});
export type IssuedCredentialQuery = z.input<typeof zIssuedCredentialQuery>;
