import { describe, expect, it } from 'vitest';
import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import { mapClaims } from './map-claims';

const configuration: MdocConfiguration = {
  id: '00000000-0000-4000-8000-000000000000',
  type: 'org.iso.18013.5.1.mDL',
  expiresIn: { years: 1 },
  claimMappings: {
    'org.iso.18013.5.1': {
      family_name: { mapFrom: 'claims.family_name', required: true, type: 'string' },
      issuing_country: { mapFrom: 'claims.issuing_country', required: true, type: 'string', defaultValue: 'NZ' },
      constructor: { mapFrom: 'claims.c', required: false, type: 'string' },
    },
  },
} as MdocConfiguration;

describe('mapClaims', () => {
  it("puts the signing IACA's country before the configuration's default, and the clerk's value before both (DESIGN §10)", () => {
    const issuer = new Map([['issuing_country', 'DE']]);
    expect(mapClaims(configuration, { family_name: 'Doe' })['org.iso.18013.5.1']).toEqual({ family_name: 'Doe', issuing_country: 'NZ' });
    expect(mapClaims(configuration, { family_name: 'Doe' }, issuer)['org.iso.18013.5.1']).toEqual({
      family_name: 'Doe',
      issuing_country: 'DE',
    });
    expect(mapClaims(configuration, { family_name: 'Doe', issuing_country: 'AT' }, issuer)['org.iso.18013.5.1']?.issuing_country).toBe(
      'AT',
    );
  });

  it('takes issuer values by element name only, never from the object prototype', () => {
    expect(mapClaims(configuration, { family_name: 'Doe' }, new Map())['org.iso.18013.5.1']).not.toHaveProperty('constructor');
  });
});
