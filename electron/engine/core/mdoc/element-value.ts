import { DateOnly } from '@auth0/mdl/lib/cbor/index.js';
import { FullDate } from './full-date';

/**
 * An element value as @auth0/mdl's CBOR encoder wants it, copied so the caller's objects are never
 * touched (Document.addIssuerNameSpace mutates driving_privileges in place):
 * FullDate → DateOnly (tag 1004 "YYYY-MM-DD"), Date → tag 0 tdate without fractional seconds,
 * Uint8Array → bstr, arrays and plain objects → arrays and maps (ISO 18013-5 §7.2.1, RFC 8943).
 */
export function toElementValue(value: unknown, path: string): unknown {
  if (value instanceof FullDate) return new DateOnly(value.value);
  if (value instanceof DateOnly) return new DateOnly(value.toISOString());
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error(`${path}: invalid Date`);
    return new Date(value.getTime());
  }
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((item, i) => toElementValue(item, `${path}[${i}]`));
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${path}: ${value} cannot be an element value`);
      return value;
    case 'object': {
      if (value === null) return null;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) break;
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toElementValue(item, `${path}.${key}`)]));
    }
  }
  throw new Error(
    `${path}: unsupported element value (${describe(value)}); use string, number, boolean, FullDate, Date, Uint8Array, arrays or plain objects`,
  );
}

const describe = (value: unknown) => (typeof value === 'object' ? (value?.constructor?.name ?? 'object') : typeof value);
