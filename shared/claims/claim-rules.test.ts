import { describe, expect, it } from 'vitest';
import { claimFields } from './claim-fields';
import { checkClaimRules, derivedValue, isDerivedRule, ruleMessage } from './claim-rules';
import mdl from '../../resources/configurations/mdl.json';
import pid from '../../resources/configurations/eu-pid.json';
import { zMdocConfigurationInput } from '../api/z-mdoc-configuration';

const mdlConfig = zMdocConfigurationInput.parse(mdl);
const pidConfig = zMdocConfigurationInput.parse(pid);
const context = { today: '2026-12-01', expiresIn: mdlConfig.expiresIn };
const fields = claimFields(mdlConfig);
const pidFields = claimFields(pidConfig);
const rule = (name: string, list = fields) => list.find((f) => f.element === name)!.rule!;
const problems = (claims: Record<string, unknown>, list = fields, ctx = context) =>
  checkClaimRules(list, claims, ctx).map((i) => `${i.path.join('.')}: ${ruleMessage(i.problem)}`);

describe('derived values', () => {
  it('fills issue date with today and expiry from the configured validity', () => {
    expect(derivedValue(rule('issue_date'), {}, context)).toBe('2026-12-01');
    expect(derivedValue(rule('expiry_date'), { issue_date: '2026-12-01' }, context)).toBe('2031-12-01');
    expect(derivedValue(rule('expiry_date'), {}, context)).toBeUndefined();
  });

  it('works out the age claims from the birth date', () => {
    const claims = { birth_date: '2008-12-02' };
    expect(derivedValue(rule('age_over_18'), claims, context)).toBe(false);
    expect(derivedValue(rule('age_over_18'), { birth_date: '2008-12-01' }, context)).toBe(true);
    expect(derivedValue(rule('age_in_years', pidFields), { birth_date: '1990-01-31' }, context)).toBe(36);
    expect(derivedValue(rule('age_birth_year', pidFields), { birth_date: '1990-01-31' }, context)).toBe(1990);
    expect(isDerivedRule(rule('age_over_18'))).toBe(true);
    expect(isDerivedRule(rule('issue_date'))).toBe(false);
  });
});

describe('cross-field checks', () => {
  const good = { birth_date: '1990-01-31', issue_date: '2026-12-01', expiry_date: '2031-12-01', age_over_18: true };

  it('accepts consistent claims', () => {
    expect(problems(good)).toEqual([]);
    expect(problems({ ...good, age_over_18: undefined })).toEqual([]);
  });

  it('refuses an expiry before the issue date or in the past', () => {
    expect(problems({ ...good, expiry_date: '2026-11-30' })).toEqual([
      'expiry_date: must be after Issue date',
      'expiry_date: must be in the future',
    ]);
    expect(problems({ ...good, issue_date: '2020-01-01', expiry_date: '2025-01-01' })).toEqual(['expiry_date: must be in the future']);
    expect(problems({ ...good, expiry_date: '2026-12-01' })).toEqual(['expiry_date: must be after Issue date']);
  });

  it('refuses implausible dates of birth and future issue dates', () => {
    expect(problems({ ...good, birth_date: '2027-01-01', age_over_18: undefined })).toEqual(['birth_date: must not be in the future']);
    expect(problems({ ...good, birth_date: '1850-01-01', age_over_18: undefined })).toEqual(['birth_date: gives an age over 150 years']);
    expect(problems({ ...good, issue_date: '2026-12-05', expiry_date: '2031-12-05' })).toEqual(['issue_date: must not be in the future']);
  });

  it('refuses derived ages that contradict the birth date, with a day of grace for time zones', () => {
    expect(problems({ ...good, age_over_18: false })).toEqual(['age_over_18: contradicts Birth date (it should be true)']);
    // 18 tomorrow: true is still accepted (it is already tomorrow east of here), false too.
    expect(problems({ ...good, birth_date: '2008-12-02', age_over_18: true })).toEqual([]);
    expect(problems({ ...good, birth_date: '2008-12-02', age_over_18: false })).toEqual([]);
    expect(problems({ ...good, birth_date: '2008-12-10', age_over_18: true })).toEqual([
      'age_over_18: contradicts Birth date (it should be false)',
    ]);
    const pidGood = { birth_date: '1990-01-31', issuance_date: '2026-12-01', expiry_date: '2027-12-01' };
    expect(problems({ ...pidGood, age_in_years: 35 }, pidFields)).toEqual(['age_in_years: contradicts Birth date (it should be 36)']);
    expect(problems({ ...pidGood, age_birth_year: 1991 }, pidFields)).toEqual([
      'age_birth_year: contradicts Birth date (it should be 1990)',
    ]);
  });

  it('leaves malformed dates to the schema', () => {
    expect(problems({ ...good, birth_date: 'soon', expiry_date: 'never' })).toEqual([]);
  });
});
