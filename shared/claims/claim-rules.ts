import type { ClaimRule } from '../api/z-claim-metadata';
import type { ExpiresIn } from '../api/z-mdoc-configuration';
import { pathOf, readPath, type ClaimField } from './claim-fields';
import { addDays, addExpiresIn, ageOn, parseFullDate } from './full-date';

// The rules between claims (z-claim-metadata.ts `rule`), in one place for the counter form and the
// engine (DESIGN §14): defaults worked out from other claims, and the cross-field checks that make
// the engine answer 400 with details.

/** Nobody is older than this; an earlier birth date is a typing error. */
export const MAX_AGE_YEARS = 150;

export interface RuleContext {
  /** Today's date where the check runs (the kiosk's local date). */
  today: string;
  /** The configuration's validity, for `validity` rules. */
  expiresIn: ExpiresIn;
}

export type RuleProblem =
  | { code: 'in_future' }
  | { code: 'implausible_age'; maxYears: number }
  | { code: 'not_after'; other: string }
  | { code: 'in_past' }
  | { code: 'contradicts'; other: string; expected: string | number | boolean };

export interface RuleIssue {
  /** The claim's path in `claims`. */
  path: string[];
  value: unknown;
  problem: RuleProblem;
}

const dateAt = (claims: unknown, mapFrom: string): string | undefined => {
  const value = readPath(claims, pathOf({ mapFrom }));
  return typeof value === 'string' && parseFullDate(value) ? value : undefined;
};

/** What an age rule's claim must be for this birth date on `on`. */
function ageValue(rule: Extract<ClaimRule, { from: string }>, birth: string, on: string): string | number | boolean | undefined {
  const age = ageOn(birth, on);
  if (age === undefined) return undefined;
  switch (rule.kind) {
    case 'age_over':
      return age >= rule.years;
    case 'age_in_years':
      return age;
    case 'age_birth_year':
      return Number(birth.slice(0, 4));
    default:
      return undefined;
  }
}

/**
 * The value a rule works out from the other claims: today for `today`, the configured validity
 * for `validity`, the age claims from the birth date. Undefined when it cannot be worked out yet.
 */
export function derivedValue(rule: ClaimRule, claims: unknown, context: RuleContext): unknown {
  switch (rule.kind) {
    case 'today':
      return context.today;
    case 'validity': {
      const from = dateAt(claims, rule.from);
      return from ? addExpiresIn(from, context.expiresIn) : undefined;
    }
    case 'birth_date':
      return undefined;
    default: {
      const birth = dateAt(claims, rule.from);
      return birth ? ageValue(rule, birth, context.today) : undefined;
    }
  }
}

/** Age rules are the ones the clerk never types: they follow from the birth date. */
export const isDerivedRule = (rule: ClaimRule | undefined): boolean =>
  rule?.kind === 'age_over' || rule?.kind === 'age_in_years' || rule?.kind === 'age_birth_year';

const labelOf = (fields: readonly ClaimField[], mapFrom: string): string =>
  fields.find((f) => `claims.${f.path.join('.')}` === mapFrom)?.label ?? mapFrom.replace(/^claims\./, '');

/**
 * Every rule broken by these claims. Dates are compared with a day's grace either side of
 * `today`, so that a browser and a server in different time zones agree near midnight.
 */
export function checkClaimRules(fields: readonly ClaimField[], claims: unknown, context: RuleContext): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const latestToday = addDays(context.today, 1);
  const earliestToday = addDays(context.today, -1);
  for (const field of fields) {
    const rule = field.rule;
    const value = readPath(claims, field.path);
    if (!rule || value === undefined) continue;
    const add = (problem: RuleProblem) => issues.push({ path: field.path, value, problem });
    if (rule.kind === 'today' || rule.kind === 'birth_date' || rule.kind === 'validity') {
      if (typeof value !== 'string' || !parseFullDate(value)) continue; // the schema reports it
      if (rule.kind !== 'validity' && value > latestToday) add({ code: 'in_future' });
      if (rule.kind === 'birth_date' && (ageOn(value, context.today) ?? 0) > MAX_AGE_YEARS)
        add({ code: 'implausible_age', maxYears: MAX_AGE_YEARS });
      if (rule.kind === 'validity') {
        const from = dateAt(claims, rule.from);
        if (from && value <= from) add({ code: 'not_after', other: labelOf(fields, rule.from) });
        if (value <= earliestToday) add({ code: 'in_past' });
      }
      continue;
    }
    const birth = dateAt(claims, rule.from);
    if (!birth) continue;
    // Any of yesterday, today and tomorrow may be "today" somewhere the kiosk is used from.
    const allowed = [earliestToday, context.today, latestToday].map((on) => ageValue(rule, birth, on));
    if (!allowed.some((a) => a === value)) {
      add({ code: 'contradicts', other: labelOf(fields, rule.from), expected: ageValue(rule, birth, context.today)! });
    }
  }
  return issues;
}

/** The problem in English, for the engine's `details` (the counter UI words it in the clerk's language). */
export function ruleMessage(problem: RuleProblem): string {
  switch (problem.code) {
    case 'in_future':
      return 'must not be in the future';
    case 'implausible_age':
      return `gives an age over ${problem.maxYears} years`;
    case 'not_after':
      return `must be after ${problem.other}`;
    case 'in_past':
      return 'must be in the future';
    case 'contradicts':
      return `contradicts ${problem.other} (it should be ${String(problem.expected)})`;
  }
}
