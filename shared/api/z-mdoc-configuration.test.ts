import { describe, expect, it } from 'vitest';
import { zMdocConfigurationInput } from './z-mdoc-configuration';

const base = (mappings: Record<string, unknown>) => ({
  type: 'org.example.card.1',
  expiresIn: { years: 1 },
  claimMappings: { 'org.example.card.1': mappings },
});
const problems = (input: unknown) => {
  const result = zMdocConfigurationInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('mDoc configuration schema', () => {
  it('accepts the shape of the seeded configurations', () => {
    expect(
      problems(
        base({
          name: { mapFrom: 'claims.name', required: true, type: 'string' },
          born: { mapFrom: 'claims.born', type: 'date', defaultValue: '2000-01-01' },
        }),
      ),
    ).toEqual([]);
  });

  it('rejects a default that is not of its claim type', () => {
    expect(problems(base({ born: { mapFrom: 'claims.born', type: 'date', defaultValue: 'soon' } }))).toEqual([
      'claimMappings.org.example.card.1.born.defaultValue: defaultValue is not a valid date',
    ]);
  });

  it('rejects mapFrom paths that reach an object prototype', () => {
    for (const mapFrom of ['claims.__proto__', 'claims.a.constructor', 'claims.prototype']) {
      expect(problems(base({ e: { mapFrom, type: 'string' } })).join()).toMatch(/__proto__, prototype or constructor/);
    }
  });

  it('rejects one claim read as two types, or a claim nested in another', () => {
    expect(problems(base({ a: { mapFrom: 'claims.x', type: 'date' }, b: { mapFrom: 'claims.x', type: 'string' } })).join()).toMatch(
      /already read as date/,
    );
    expect(problems(base({ a: { mapFrom: 'claims.x', type: 'object' }, b: { mapFrom: 'claims.x.y', type: 'string' } })).join()).toMatch(
      /overlaps/,
    );
    // The same claim twice with the same type is fine (e.g. a name in two namespaces).
    expect(problems(base({ a: { mapFrom: 'claims.x', type: 'string' }, b: { mapFrom: 'claims.x', type: 'string' } }))).toEqual([]);
  });
});

describe('claim metadata', () => {
  it('accepts the seeded configurations with their metadata', async () => {
    const mdl = (await import('../../resources/configurations/mdl.json')).default;
    const pid = (await import('../../resources/configurations/eu-pid.json')).default;
    expect(problems(mdl)).toEqual([]);
    expect(problems(pid)).toEqual([]);
  });

  it('rejects metadata that does not fit its claim', () => {
    const at = 'claimMappings.org.example.card.1';
    expect(
      problems(
        base({
          born: { mapFrom: 'claims.born', type: 'string' },
          adult: { mapFrom: 'claims.adult', type: 'number', rule: { kind: 'age_over', from: 'claims.born', years: 18 } },
          land: { mapFrom: 'claims.land', type: 'number', format: 'country' },
          sex: { mapFrom: 'claims.sex', type: 'number', values: [{ value: 'x', label: 'X' }], defaultValue: 3 },
          face: { mapFrom: 'claims.face', type: 'string', image: { width: 100, height: 100, maxBytes: 10000 } },
        }),
      ),
    ).toEqual([
      `${at}.adult.rule: rule age_over needs type boolean`,
      `${at}.adult.rule: rule age_over needs claims.born mapped as a date`,
      `${at}.land.format: format country needs type string`,
      `${at}.sex.values: every value must be a number`,
      `${at}.sex.defaultValue: defaultValue is not a valid number`,
      `${at}.face.image: image limits need type bytes`,
    ]);
  });
});
