import type { ZodError } from 'zod';
import type { ErrorDetail } from '../../../../shared/api/z-management-error';

/** Zod issues → MATTR `details`, one per issue, naming the parameter by its dotted path. */
export function detailsFromZod(error: ZodError, input: unknown, location = 'body', prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    const value = valueAt(input, issue.path as PropertyKey[]);
    return {
      ...(value === undefined || typeof value === 'object' ? {} : { value: truncate(value) }),
      msg: issue.message,
      param: path.join('.') || '(body)',
      location,
    };
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function truncate(value: unknown): unknown {
  return typeof value === 'string' && value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
