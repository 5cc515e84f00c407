import { describe, expect, it } from 'vitest';
import { claimFields } from '../../../shared/claims/claim-fields';
import { claimsSchemaFor } from '../../../shared/claims/claims-schema';
import { convertValue, evaluateForm, formFields, formSummary, type FormValues } from './claims-form';

// Shaped like the seeded mDL (resources/configurations/mdl.json), plus a nested claim.
const config = {
  claimMappings: {
    'org.iso.18013.5.1': {
      family_name: { mapFrom: 'claims.family_name', required: true, type: 'string' as const },
      birth_date: { mapFrom: 'claims.birth_date', required: true, type: 'date' as const },
      portrait: { mapFrom: 'claims.portrait', required: true, type: 'bytes' as const },
      driving_privileges: {
        mapFrom: 'claims.driving_privileges',
        required: true,
        type: 'array' as const,
        defaultValue: [{ vehicle_category_code: 'B' }],
      },
      sex: { mapFrom: 'claims.sex', required: false, type: 'number' as const },
      age_over_18: { mapFrom: 'claims.age_over_18', required: false, type: 'boolean' as const },
      resident_city: { mapFrom: 'claims.address.city', required: true, type: 'string' as const },
    },
  },
};
const fields = formFields(claimFields(config));
const schema = claimsSchemaFor(config);
const portrait = { name: 'p.jpg', size: 4, type: 'image/jpeg', base64: '/9j/4A==' };
const complete: FormValues = { family_name: ' Doe ', birth_date: '1990-01-31', portrait, 'address.city': 'Wellington' };

describe('formFields', () => {
  it('picks an input per claim type, with labels, required marks and hints, required first', () => {
    expect(fields.map((f) => [f.key, f.input, f.required])).toEqual([
      ['family_name', 'text', true],
      ['birth_date', 'date', true],
      ['portrait', 'file', true],
      ['address.city', 'text', true],
      ['driving_privileges', 'json', false],
      ['sex', 'number', false],
      ['age_over_18', 'boolean', false],
    ]);
    expect(fields[0]!.label).toBe('Family name');
    expect(fields.find((f) => f.key === 'driving_privileges')!.hint).toContain('default');
  });
});

describe('convertValue', () => {
  it('turns inputs into claim values', () => {
    expect(convertValue({ type: 'number' }, ' 2 ')).toEqual({ ok: true, value: 2 });
    expect(convertValue({ type: 'number' }, 'two')).toEqual({ ok: false, message: 'Enter a number' });
    expect(convertValue({ type: 'boolean' }, 'false')).toEqual({ ok: true, value: false });
    expect(convertValue({ type: 'array' }, '[1]')).toEqual({ ok: true, value: [1] });
    expect(convertValue({ type: 'array' }, '[1')).toMatchObject({ ok: false });
    expect(convertValue({ type: 'bytes' }, portrait)).toEqual({ ok: true, value: '/9j/4A==' });
    expect(convertValue({ type: 'dateTime' }, '2026-01-31T09:00')).toMatchObject({
      ok: true,
      value: expect.stringMatching(/^2026-01-3\dT\d\d:00:00\.000Z$/),
    });
    expect(convertValue({ type: 'string' }, '   ')).toBeUndefined();
    expect(convertValue({ type: 'date' }, '')).toBeUndefined();
  });
});

describe('evaluateForm', () => {
  it('builds nested claims and leaves blank optional fields out', () => {
    const state = evaluateForm(fields, schema, { ...complete, sex: '', age_over_18: 'true' });
    expect(state).toEqual({
      valid: true,
      errors: {},
      claims: { family_name: 'Doe', birth_date: '1990-01-31', portrait: '/9j/4A==', address: { city: 'Wellington' }, age_over_18: true },
    });
    // The engine parses the same object with the same schema.
    expect(schema.safeParse(state.claims).success).toBe(true);
  });

  it('reports missing required fields, including under a missing parent object', () => {
    const state = evaluateForm(fields, schema, {});
    expect(state.valid).toBe(false);
    expect(Object.keys(state.errors).sort()).toEqual(['address.city', 'birth_date', 'family_name', 'portrait']);
    expect(state.errors['family_name']).toBe('Required');
    expect(formSummary(state, {})).toBe('Fill in 4 more required fields');
  });

  it('reports malformed values with the schema message', () => {
    const state = evaluateForm(fields, schema, { ...complete, birth_date: '1990-02-31', family_name: '  ', sex: 'x' });
    expect(state.errors).toEqual({ birth_date: 'must be a date YYYY-MM-DD', family_name: 'Required', sex: 'Enter a number' });
    expect(formSummary(state, { ...complete, birth_date: '1990-02-31', family_name: '  ', sex: 'x' })).toBe(
      'Fill in 1 more required field and fix 2 fields',
    );
  });
});
