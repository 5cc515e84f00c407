import type { ClaimFormat, ClaimOption, ClaimRule, ImageLimits, LocalizedName } from '../api/z-claim-metadata';
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
  /** The label in other languages (OID4VCI claim `display`). */
  display?: LocalizedName[];
  /** An enumeration: only these values are allowed (for driving_privileges: the vehicle categories). */
  values?: ClaimOption[];
  format?: ClaimFormat;
  rule?: ClaimRule;
  image?: ImageLimits;
}

/** The mapping's optional metadata, copied onto its field. */
const metadata = (m: ClaimMapping): Pick<ClaimField, 'display' | 'values' | 'format' | 'rule' | 'image'> => ({
  ...(m.display ? { display: m.display } : {}),
  ...(m.values ? { values: m.values } : {}),
  ...(m.format ? { format: m.format } : {}),
  ...(m.rule ? { rule: m.rule } : {}),
  ...(m.image ? { image: m.image } : {}),
});

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
        ...metadata(mapping),
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
