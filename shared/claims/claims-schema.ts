import { z } from 'zod';
import type { ClaimType, MdocConfigurationInput } from '../api/z-mdoc-configuration';
import { claimFields, type ClaimField } from './claim-fields';
import { isCountryCode } from './iso-3166';

// The one validation of a holder's data, shared by the engine (offer creation) and the counter form.
const MAX_TEXT = 1_000;

const valueSchemas: Record<ClaimType, z.ZodType> = {
  string: z.string().trim().min(1, 'must not be empty').max(MAX_TEXT),
  number: z.number().finite(),
  boolean: z.boolean(),
  date: z.iso.date('must be a date YYYY-MM-DD'),
  dateTime: z.iso.datetime({ offset: true, message: 'must be a date-time such as 2026-01-31T09:00:00Z' }),
  bytes: z.base64('must be base64').min(4, 'must not be empty'),
  array: z.array(z.unknown()).max(100),
  object: z.record(z.string(), z.unknown()),
};

export function claimValueSchema(type: ClaimType): z.ZodType {
  return valueSchemas[type];
}

const zFullDate = valueSchemas.date;

/** ISO 18013-5 §7.2.4: one driving privilege; a category once, from the configured list when there is one. */
function drivingPrivilegesSchema(categories: readonly (string | number)[] | undefined): z.ZodType {
  const code = categories
    ? z.string().refine((c) => categories.includes(c), 'is not one of the configured vehicle categories')
    : z.string().trim().min(1).max(10);
  const privilege = z.looseObject({
    vehicle_category_code: code,
    issue_date: zFullDate.optional(),
    expiry_date: zFullDate.optional(),
    codes: z
      .array(z.looseObject({ code: z.string().min(1).max(10) }))
      .max(50)
      .optional(),
  });
  return z
    .array(privilege)
    .max(100)
    .refine((list) => new Set(list.map((p) => p.vehicle_category_code)).size === list.length, 'lists a vehicle category twice');
}

/**
 * One claim's value with its metadata (z-claim-metadata.ts): an enumeration, a country code, the
 * driving privileges structure. Used for the holder's data and for a mapping's own defaultValue.
 */
export function claimFieldSchema(field: Pick<ClaimField, 'type' | 'values' | 'format'>): z.ZodType {
  if (field.format === 'driving_privileges') return drivingPrivilegesSchema(field.values?.map((v) => v.value));
  if (field.format === 'country') return z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as NZ');
  const base = valueSchemas[field.type];
  const allowed = field.values?.map((v) => v.value);
  if (!allowed) return base;
  return base.refine((v) => allowed.includes(v as string | number), `must be one of ${allowed.join(', ')}`);
}

type Node = { fields: Map<string, Node | ClaimField> };

function insert(root: Node, field: ClaimField): void {
  let node = root;
  field.path.forEach((key, i) => {
    if (i === field.path.length - 1) {
      node.fields.set(key, field);
      return;
    }
    let next = node.fields.get(key);
    if (!next || !('fields' in next)) {
      next = { fields: new Map() };
      node.fields.set(key, next);
    }
    node = next;
  });
}

function toSchema(node: Node): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of node.fields) {
    if ('fields' in child) {
      const nested = toSchema(child);
      const anyRequired = [...child.fields.values()].some((c) => !('fields' in c) && c.required);
      shape[key] = anyRequired ? nested : nested.optional();
    } else {
      const value = claimFieldSchema(child);
      shape[key] = child.required ? value : value.optional();
    }
  }
  return z.looseObject(shape);
}

// Built once per claimMappings object: the engine caches configurations, the form keeps its own.
const built = new WeakMap<object, z.ZodType<Record<string, unknown>>>();

/** A zod schema for an offer's `claims` object under one configuration. */
export function claimsSchemaFor(configuration: Pick<MdocConfigurationInput, 'claimMappings'>): z.ZodType<Record<string, unknown>> {
  let schema = built.get(configuration.claimMappings);
  if (!schema) {
    const root: Node = { fields: new Map() };
    for (const field of claimFields(configuration)) insert(root, field);
    schema = toSchema(root) as z.ZodType<Record<string, unknown>>;
    built.set(configuration.claimMappings, schema);
  }
  return schema;
}
