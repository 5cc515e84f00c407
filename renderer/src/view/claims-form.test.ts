import { describe, expect, it } from 'vitest';
import { zMdocConfigurationInput } from '../../../shared/api/z-mdoc-configuration';
import { claimFields } from '../../../shared/claims/claim-fields';
import { claimsSchemaFor } from '../../../shared/claims/claims-schema';
import { withCountryDefaults } from '../../../shared/claims/country-defaults';
import mdl from '../../../resources/configurations/mdl.json';
import pid from '../../../resources/configurations/eu-pid.json';
import {
  convertValue,
  evaluateForm,
  followDefaults,
  formFields,
  initialValues,
  localized,
  problemCounts,
  valuesFromDocument,
  type FormValues,
} from './claims-form';

// The mDL and PID as seeded under an IACA of New Zealand (resources/configurations/*.json).
const mdlConfig = withCountryDefaults(zMdocConfigurationInput.parse(mdl), 'NZ');
const pidConfig = withCountryDefaults(zMdocConfigurationInput.parse(pid), 'NZ');
const fields = formFields(claimFields(mdlConfig));
const schema = claimsSchemaFor(mdlConfig);
const context = { today: '2026-12-01', expiresIn: mdlConfig.expiresIn };
const format = 'dd/mm/yyyy' as const;
const portrait = { name: 'p.jpg', size: 4, type: 'image/jpeg', base64: '/9j/4A==' };
const field = (key: string, list = fields) => list.find((f) => f.key === key)!;

describe('formFields', () => {
  it('picks a widget from the claim type and metadata, required first and worked-out last', () => {
    expect(fields.map((f) => [f.key, f.input, f.required])).toEqual([
      ['family_name', 'text', true],
      ['given_name', 'text', true],
      ['birth_date', 'date', true],
      ['issue_date', 'date', true],
      ['expiry_date', 'date', true],
      ['document_number', 'text', true],
      ['portrait', 'file', true],
      ['driving_privileges', 'privileges', false],
      ['issuing_country', 'country', false],
      ['issuing_authority', 'text', false],
      ['un_distinguishing_sign', 'text', false],
      ['sex', 'select', false],
      ['age_over_18', 'derived', false],
    ]);
    expect(localized(field('family_name'), 'de')).toBe('Familienname');
    expect(localized(field('family_name'), 'en')).toBe('Family name');
    expect(localized(field('sex').values![2]!, 'de')).toBe('Weiblich');
  });
});

describe('initialValues', () => {
  it('shows the defaults filled in: today, the configured validity, the configuration defaults', () => {
    expect(initialValues(fields, context, format)).toEqual({
      issue_date: '01/12/2026',
      expiry_date: '01/12/2031',
      driving_privileges: { kind: 'privileges', categories: { B: { issue: '', expiry: '' } } },
      issuing_country: 'NZ',
      issuing_authority: 'Counter Licensing Office',
      un_distinguishing_sign: 'NZ',
    });
    const pidFields = formFields(claimFields(pidConfig));
    expect(initialValues(pidFields, { ...context, expiresIn: pidConfig.expiresIn }, 'yyyy-mm-dd')).toMatchObject({
      issuance_date: '2026-12-01',
      expiry_date: '2027-12-01',
    });
  });

  it('moves the expiry with the issue date until the clerk types an expiry', () => {
    const start = initialValues(fields, context, format);
    expect(followDefaults(fields, { ...start, issue_date: '15/01/2026' }, new Set(['issue_date']), context, format).expiry_date).toBe(
      '15/01/2031',
    );
    const typed = { ...start, issue_date: '15/01/2026', expiry_date: '01/06/2027' };
    expect(followDefaults(fields, typed, new Set(['issue_date', 'expiry_date']), context, format).expiry_date).toBe('01/06/2027');
  });
});

describe('convertValue', () => {
  it('turns inputs into claim values', () => {
    expect(convertValue(field('birth_date'), '31/01/1990', format)).toEqual({ ok: true, value: '1990-01-31' });
    expect(convertValue(field('birth_date'), '1990-01-31', format)).toEqual({ ok: true, value: '1990-01-31' });
    expect(convertValue(field('birth_date'), '31/13/1990', format)).toEqual({
      ok: false,
      message: { key: 'form.enterDate', params: { hint: format } },
    });
    expect(convertValue(field('sex'), '2', format)).toEqual({ ok: true, value: 2 });
    expect(convertValue(field('sex'), '5', format)).toEqual({ ok: false, message: { key: 'form.chooseOption' } });
    expect(
      convertValue(
        field('driving_privileges'),
        { kind: 'privileges', categories: { B: { issue: '02/01/2020', expiry: '' }, A: { issue: '', expiry: '' } } },
        format,
      ),
    ).toEqual({ ok: true, value: [{ vehicle_category_code: 'B', issue_date: '2020-01-02' }, { vehicle_category_code: 'A' }] });
    expect(
      convertValue(field('driving_privileges'), { kind: 'privileges', categories: { B: { issue: 'soon', expiry: '' } } }, format),
    ).toEqual({
      ok: false,
      message: { key: 'form.privilegeDate', params: { category: 'B', hint: format } },
    });
    expect(convertValue(field('portrait'), portrait, format)).toEqual({ ok: true, value: '/9j/4A==' });
    expect(convertValue({ type: 'number', input: 'number' }, 'two', format)).toEqual({ ok: false, message: { key: 'form.enterNumber' } });
    expect(convertValue({ type: 'array', input: 'json' }, '[1', format)).toMatchObject({ ok: false });
    expect(convertValue(field('family_name'), '   ', format)).toBeUndefined();
  });
});

describe('evaluateForm', () => {
  const complete: FormValues = {
    ...initialValues(fields, context, format),
    family_name: ' Doe ',
    given_name: 'Jane',
    birth_date: '31/01/1990',
    document_number: 'D1',
    portrait,
  };

  it('builds the claims with what is worked out from the birth date, valid for the engine', () => {
    const state = evaluateForm(fields, schema, complete, context, format);
    expect(state.errors).toEqual({});
    expect(state.valid).toBe(true);
    expect(state.derived).toEqual({ age_over_18: true });
    expect(state.claims).toEqual({
      family_name: 'Doe',
      given_name: 'Jane',
      birth_date: '1990-01-31',
      issue_date: '2026-12-01',
      expiry_date: '2031-12-01',
      document_number: 'D1',
      portrait: '/9j/4A==',
      driving_privileges: [{ vehicle_category_code: 'B' }],
      issuing_country: 'NZ',
      issuing_authority: 'Counter Licensing Office',
      un_distinguishing_sign: 'NZ',
      age_over_18: true,
    });
    expect(schema.safeParse(state.claims).success).toBe(true);
  });

  it('puts the cross-field checks on their fields', () => {
    const state = evaluateForm(fields, schema, { ...complete, expiry_date: '30/11/2026', birth_date: '01/01/2030' }, context, format);
    expect(state.valid).toBe(false);
    expect(state.errors).toEqual({
      birth_date: { key: 'form.rule', params: { problem: { code: 'in_future' } } },
      expiry_date: { key: 'form.rule', params: { problem: { code: 'not_after', other: 'Issue date' } } },
    });
  });

  it('reports missing required fields, and counts missing and wrong ones', () => {
    const values = { ...complete, family_name: '', portrait: undefined, sex: 'x' };
    const state = evaluateForm(fields, schema, values, context, format);
    expect(Object.keys(state.errors).sort()).toEqual(['family_name', 'portrait', 'sex']);
    expect(state.errors['family_name']).toEqual({ key: 'form.required' });
    expect(problemCounts(state, values)).toEqual({ missing: 2, wrong: 1 });
  });
});

describe('valuesFromDocument', () => {
  it('fills the fields the configuration maps to the document elements', () => {
    const scanned = { family_name: 'SMITH', given_name: 'AROHA', birth_date: '1990-01-31', sex: 2, eye_colour: 'brown', nationality: 'NZ' };
    expect(valuesFromDocument(fields, scanned, format)).toEqual({
      family_name: 'SMITH',
      given_name: 'AROHA',
      birth_date: '31/01/1990',
      sex: '2',
    });
    const pidFields = formFields(claimFields(pidConfig));
    expect(valuesFromDocument(pidFields, scanned, format)).toMatchObject({ nationality: 'NZ' });
    // A value the configuration does not list is left for the clerk.
    expect(valuesFromDocument(fields, { sex: 5 }, format)).toEqual({});
  });
});
