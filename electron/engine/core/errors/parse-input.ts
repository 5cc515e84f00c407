import type { z } from 'zod';
import { badRequest } from './management-error';
import { detailsFromZod } from './zod-details';

/** Parses management input at the trust boundary; failures become one 400 with a detail per problem. */
export function parseManagementInput<S extends z.ZodType>(schema: S, input: unknown, location = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest('Invalid request', detailsFromZod(result.error, input, location));
  return result.data;
}
