import { z } from 'zod';
import { CorruptRecordError } from '../core/store-errors';

/**
 * JSON read back from the database is parsed with its schema at the boundary (STYLE §3): a
 * damaged column is a clear CorruptRecordError naming it, not a wrong type somewhere later.
 */
export function parseJsonColumn<T extends z.ZodType>(text: string, schema: T, column: string): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptRecordError(column, 'not JSON');
  }
  return parseJsonValue(value, schema, column);
}

/** The same for a column the driver has already decoded (PostgreSQL JSONB and arrays). */
export function parseJsonValue<T extends z.ZodType>(value: unknown, schema: T, column: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CorruptRecordError(column, z.prettifyError(parsed.error));
  return parsed.data;
}

/** A plain column with a closed set of values (a status, a role), checked the same way. */
export function parseColumn<T extends z.ZodType>(value: unknown, schema: T, column: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CorruptRecordError(column, z.prettifyError(parsed.error));
  return parsed.data;
}

/** Schemas of the JSON columns that more than one table uses. */
export const zIdList = z.array(z.string());
export const zJsonObject = z.record(z.string(), z.unknown());
