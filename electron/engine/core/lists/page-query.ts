import { z } from 'zod';

/** The query of every paged management list (DESIGN §3): `limit` 1–1000 (default 100) and an opaque `cursor`. */
export const zPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(100).optional(),
});

/** A list's query: the page fields plus that list's own filters. */
export const listQuery = <T extends z.ZodRawShape>(filters: T) => zPageQuery.extend(filters);
