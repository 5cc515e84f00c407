import type { TFunction } from 'i18next';
import type { RuleProblem } from '../../../../shared/claims/claim-rules';
import type { DateFormat } from '../../preferences/preferences';
import type { FormMessage } from '../../view/claims-form';
import { formatHint } from '../../view/dates';

/** The office's date format in the clerk's letters: DD/MM/YYYY, TT.MM.JJJJ. */
export const dateHintText = (format: DateFormat, t: TFunction): string =>
  formatHint(format, { d: t('form.dateLetters.d'), m: t('form.dateLetters.m'), y: t('form.dateLetters.y') });

/** A form problem in the clerk's language. */
export function formMessage(message: FormMessage, t: TFunction): string {
  switch (message.key) {
    case 'form.enterDate':
      return t('form.enterDate', { hint: dateHintText(message.params.hint, t) });
    case 'form.privilegeDate':
      return t('form.privilegeDate', { category: message.params.category, hint: dateHintText(message.params.hint, t) });
    case 'form.enterJson':
      return t(message.params.kind === 'array' ? 'form.enterJson_array' : 'form.enterJson_object');
    case 'form.rule':
      return ruleText(message.params.problem, t);
    case 'form.schema':
      return message.params.message;
    default:
      return t(message.key);
  }
}

/** A broken cross-field rule (shared/claims/claim-rules.ts) in the clerk's language. */
export function ruleText(problem: RuleProblem, t: TFunction): string {
  switch (problem.code) {
    case 'implausible_age':
      return t('rules.implausible_age', { maxYears: problem.maxYears });
    case 'not_after':
      return t('rules.not_after', { other: problem.other });
    case 'contradicts':
      return t('rules.contradicts', { other: problem.other });
    default:
      return t(`rules.${problem.code}`);
  }
}
