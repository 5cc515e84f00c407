import type { MdocConfigurationInput } from '../api/z-mdoc-configuration';

/** Elements whose seeded default is the country (DESIGN §10: from the IACA, one setting, never a literal in a seed). */
export const COUNTRY_ELEMENTS: readonly string[] = ['issuing_country', 'un_distinguishing_sign'];

/**
 * A seed configuration with its country elements defaulting to `country` where it gives no default
 * of its own. (A UN distinguishing sign is usually the alpha-2 code, e.g. NZ, but not always, e.g. D
 * for Germany: edit the configuration where it differs.)
 */
export function withCountryDefaults(configuration: MdocConfigurationInput, country: string): MdocConfigurationInput {
  const claimMappings = Object.fromEntries(
    Object.entries(configuration.claimMappings).map(([namespace, elements]) => [
      namespace,
      Object.fromEntries(
        Object.entries(elements).map(([element, mapping]) => [
          element,
          COUNTRY_ELEMENTS.includes(element) && mapping.defaultValue === undefined ? { ...mapping, defaultValue: country } : mapping,
        ]),
      ),
    ]),
  );
  return { ...configuration, claimMappings };
}
