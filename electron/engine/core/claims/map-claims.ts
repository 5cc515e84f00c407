import type { ClaimType, MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import { claimFields, readPath } from '../../../../shared/claims/claim-fields';
import { FullDate } from '../mdoc/full-date';

/**
 * The holder's claims → mDoc namespaces through the configuration's claimMappings (DESIGN §5). For an
 * element the claims leave out, `issuerValues` (by element identifier: the signing IACA's country as
 * `issuing_country`, DESIGN §10) come before the configuration's defaultValue.
 */
export function mapClaims(
  configuration: MdocConfiguration,
  claims: Record<string, unknown>,
  issuerValues: ReadonlyMap<string, unknown> = new Map(),
): Record<string, Record<string, unknown>> {
  const nameSpaces: Record<string, Record<string, unknown>> = {};
  for (const field of claimFields(configuration)) {
    const raw = readPath(claims, field.path) ?? issuerValues.get(field.element) ?? field.defaultValue;
    if (raw === undefined || raw === null) {
      if (field.required) throw new Error(`claim ${field.path.join('.')} is required but missing`);
      continue;
    }
    (nameSpaces[field.namespace] ??= {})[field.element] = toMdocValue(field.type, raw);
  }
  return nameSpaces;
}

function toMdocValue(type: ClaimType, value: unknown): unknown {
  switch (type) {
    case 'string':
      return String(value).trim();
    case 'date':
      return new FullDate(String(value)); // ISO 18013-5 full-date, CBOR tag 1004
    case 'dateTime':
      return new Date(String(value)); // tdate, CBOR tag 0
    case 'bytes':
      return new Uint8Array(Buffer.from(String(value), 'base64'));
    default:
      return value;
  }
}
