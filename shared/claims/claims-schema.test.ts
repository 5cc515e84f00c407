import { describe, expect, it } from 'vitest';
import { claimsSchemaFor } from './claims-schema';
import { claimFields, labelFromElement } from './claim-fields';

const config = {
  claimMappings: {
    'org.iso.18013.5.1': {
      family_name: { mapFrom: 'claims.family_name', required: true, type: 'string' as const },
      birth_date: { mapFrom: 'claims.birth_date', required: true, type: 'date' as const },
      issuing_country: { mapFrom: 'claims.issuing_country', required: true, type: 'string' as const, defaultValue: 'NZ' },
      city: { mapFrom: 'claims.address.city', required: false, type: 'string' as const },
      portrait: { mapFrom: 'claims.portrait', required: false, type: 'bytes' as const },
    },
  },
};

describe('claimsSchemaFor', () => {
  const schema = claimsSchemaFor(config);

  it('accepts complete claims and leaves unknown claims alone', () => {
    const result = schema.safeParse({ family_name: 'Doe', birth_date: '1990-01-31', extra: 1 });
    expect(result.success).toBe(true);
  });

  it('reports each missing or malformed required claim by path', () => {
    const result = schema.safeParse({ birth_date: '1990-02-31', address: { city: 5 }, portrait: 'not base64!' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['address.city', 'birth_date', 'family_name', 'portrait']);
  });

  it('does not require a claim that has a default', () => {
    expect(claimFields(config).find((f) => f.element === 'issuing_country')?.required).toBe(false);
  });

  it('rejects blank strings', () => {
    expect(schema.safeParse({ family_name: '   ', birth_date: '1990-01-31' }).success).toBe(false);
  });
});

describe('labelFromElement', () => {
  it('turns element identifiers into labels', () => {
    expect(labelFromElement('family_name')).toBe('Family name');
    expect(labelFromElement('age_over_18')).toBe('Age over 18');
  });
});
