import { z } from 'zod';
import { badRequest } from './management-error';
import { detailsFromZod } from './zod-details';

/** Parses management input at the trust boundary; failures become one 400 with a detail per problem. */
export function parseManagementInput<S extends z.ZodType>(schema: S, input: unknown, location = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest('Invalid request', detailsFromZod(result.error, input, location));
  return result.data;
}

const zId = z.uuid();

/**
 * The one check of a resource id from a path (DESIGN §3): anything but a UUID is a 400 naming the
 * parameter, on every resource, before any store is asked.
 */
export function parseId(id: string, resource: string, param = 'id'): string {
  if (!zId.safeParse(id).success)
    throw badRequest(`Invalid ${resource} id`, [{ value: id, msg: 'must be a uuid', param, location: 'params' }]);
  return id;
}
