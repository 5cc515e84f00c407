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

describe('claim metadata in the schema', () => {
  const fields = {
    claimMappings: {
      ns: {
        sex: {
          mapFrom: 'claims.sex',
          required: false,
          type: 'number' as const,
          values: [
            { value: 1, label: 'Male' },
            { value: 2, label: 'Female' },
          ],
        },
        country: { mapFrom: 'claims.country', required: false, type: 'string' as const, format: 'country' as const },
        privileges: {
          mapFrom: 'claims.privileges',
          required: false,
          type: 'array' as const,
          format: 'driving_privileges' as const,
          values: [
            { value: 'A', label: 'A' },
            { value: 'B', label: 'B' },
          ],
        },
      },
    },
  };
  const schema = claimsSchemaFor(fields);
  const errors = (claims: Record<string, unknown>) => {
    const r = schema.safeParse(claims);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('allows only the enumerated values, known countries and configured categories', () => {
    expect(errors({ sex: 2, country: 'NZ', privileges: [{ vehicle_category_code: 'B', issue_date: '2020-01-02' }] })).toEqual([]);
    expect(errors({ sex: 3 })).toEqual(['sex: must be one of 1, 2']);
    expect(errors({ country: 'XX' })).toEqual(['country: must be an ISO 3166-1 alpha-2 country code such as NZ']);
    expect(errors({ privileges: [{ vehicle_category_code: 'Z' }] })).toEqual([
      'privileges.0.vehicle_category_code: is not one of the configured vehicle categories',
    ]);
    expect(errors({ privileges: [{ vehicle_category_code: 'B' }, { vehicle_category_code: 'B' }] })).toEqual([
      'privileges: lists a vehicle category twice',
    ]);
    expect(errors({ privileges: [{ vehicle_category_code: 'B', expiry_date: '2020-02-30' }] })).toHaveLength(1);
  });
});
