import type { ClaimMapping, ClaimType, MdocConfigurationInput } from '../api/z-mdoc-configuration';

/** One input the holder's data must provide, derived from a configuration's claimMappings. */
export interface ClaimField {
  namespace: string;
  element: string;
  /** Path inside the offer's `claims` object, from `mapFrom` without the leading `claims.`. */
  path: string[];
  label: string;
  type: ClaimType;
  required: boolean;
  defaultValue?: unknown;
}

/** "family_name" → "Family name"; "un_distinguishing_sign" → "Un distinguishing sign". */
export function labelFromElement(element: string): string {
  const words = element.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function pathOf(mapping: Pick<ClaimMapping, 'mapFrom'>): string[] {
  return mapping.mapFrom.split('.').slice(1);
}

export function claimFields(configuration: Pick<MdocConfigurationInput, 'claimMappings'>): ClaimField[] {
  const fields: ClaimField[] = [];
  for (const [namespace, elements] of Object.entries(configuration.claimMappings)) {
    for (const [element, mapping] of Object.entries(elements)) {
      fields.push({
        namespace,
        element,
        path: pathOf(mapping),
        label: mapping.label ?? labelFromElement(element),
        type: mapping.type ?? 'string',
        required: (mapping.required ?? false) && mapping.defaultValue === undefined,
        ...(mapping.defaultValue === undefined ? {} : { defaultValue: mapping.defaultValue }),
      });
    }
  }
  return fields;
}

export function readPath(source: unknown, path: readonly string[]): unknown {
  let value: unknown = source;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
