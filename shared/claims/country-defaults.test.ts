import { describe, expect, it } from 'vitest';
import { zMdocConfigurationInput } from '../api/z-mdoc-configuration';
import mdl from '../../resources/configurations/mdl.json';
import { withCountryDefaults } from './country-defaults';

describe('withCountryDefaults', () => {
  it("gives the country elements the IACA's country, and keeps a default the configuration gives itself", () => {
    const seed = zMdocConfigurationInput.parse(mdl);
    const elements = withCountryDefaults(seed, 'DE').claimMappings['org.iso.18013.5.1']!;
    expect(elements.issuing_country?.defaultValue).toBe('DE');
    expect(elements.un_distinguishing_sign?.defaultValue).toBe('DE');
    expect(elements.issuing_authority?.defaultValue).toBe('Counter Licensing Office');
    expect(seed.claimMappings['org.iso.18013.5.1']!.issuing_country?.defaultValue).toBeUndefined(); // the seed itself untouched

    const own = structuredClone(seed);
    own.claimMappings['org.iso.18013.5.1']!.issuing_country!.defaultValue = 'AT';
    expect(withCountryDefaults(own, 'DE').claimMappings['org.iso.18013.5.1']!.issuing_country?.defaultValue).toBe('AT');
  });
});
