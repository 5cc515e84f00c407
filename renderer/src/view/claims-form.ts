import type { z } from 'zod';
import type { ClaimType } from '../../../shared/api/z-mdoc-configuration';
import type { ClaimField } from '../../../shared/claims/claim-fields';
import { checkClaimRules, derivedValue, isDerivedRule, type RuleContext, type RuleProblem } from '../../../shared/claims/claim-rules';
import type { DateFormat } from '../preferences/preferences';
import { formatDateText, parseDateText } from './dates';

// The counter form as data (DESIGN §7, §14): which widget each claim gets (from its type and its
// metadata, never from its name), the values it starts with (defaults, today, the configured
// validity), the values worked out from others (ages from the birth date), how the clerk's input
// becomes the offer's `claims`, and which field each problem belongs to. Validation is
// claimsSchemaFor() plus checkClaimRules(): the same code the engine runs.

export type InputKind =
  'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'file' | 'json' | 'select' | 'country' | 'privileges' | 'derived';

/** A message for the clerk, worded by the UI in their language (see locales/en.ts `form`). */
export type FormMessage =
  | { key: 'form.required' }
  | { key: 'form.enterNumber' }
  | { key: 'form.chooseYesNo' }
  | { key: 'form.enterDate'; params: { hint: DateFormat } }
  | { key: 'form.enterDateTime' }
  | { key: 'form.enterJson'; params: { kind: 'array' | 'object' } }
  | { key: 'form.chooseFile' }
  | { key: 'form.chooseOption' }
  | { key: 'form.privilegeDate'; params: { category: string; hint: DateFormat } }
  | { key: 'form.rule'; params: { problem: RuleProblem } }
  | { key: 'form.schema'; params: { message: string } };

export interface FormField extends ClaimField {
  /** Unique within the form: the claims path joined with dots. */
  key: string;
  input: InputKind;
}

/** A file turned into base64 (the portrait). */
export interface FileValue {
  name: string;
  size: number;
  type: string;
  base64: string;
  /** Where it came from: a file, or the camera. */
  source?: 'file' | 'camera';
}

/** Driving privileges being typed: the ticked categories, each with its dates as typed. */
export interface PrivilegesValue {
  kind: 'privileges';
  categories: Record<string, { issue: string; expiry: string }>;
}

/** Text inputs and selects hold strings, file inputs a FileValue, the privileges widget a PrivilegesValue. */
export type FieldValue = string | FileValue | PrivilegesValue;
export type FormValues = Readonly<Record<string, FieldValue | undefined>>;

const inputFor: Record<ClaimType, InputKind> = {
  string: 'text',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  dateTime: 'datetime',
  bytes: 'file',
  array: 'json',
  object: 'json',
};

function inputKind(field: ClaimField): InputKind {
  if (isDerivedRule(field.rule)) return 'derived';
  if (field.format === 'driving_privileges') return 'privileges';
  if (field.format === 'country') return 'country';
  if (field.values) return 'select';
  return inputFor[field.type];
}

/** Required fields first (in configuration order), then the optional ones, then what is worked out. */
export function formFields(fields: readonly ClaimField[]): FormField[] {
  const all = fields.map((field) => ({ ...field, key: field.path.join('.'), input: inputKind(field) }));
  return [
    ...all.filter((f) => f.required && f.input !== 'derived'),
    ...all.filter((f) => !f.required && f.input !== 'derived'),
    ...all.filter((f) => f.input === 'derived'),
  ];
}

/** The name to show in this language: the configuration's display name for it, else its label. */
export function localized(item: { label: string; display?: { locale: string; name: string }[] }, language: string): string {
  return item.display?.find((d) => d.locale === language || d.locale.startsWith(`${language}-`))?.name ?? item.label;
}

const isPrivileges = (value: FieldValue | undefined): value is PrivilegesValue =>
  typeof value === 'object' && (value as PrivilegesValue).kind === 'privileges';
const isFile = (value: FieldValue | undefined): value is FileValue => typeof value === 'object' && !isPrivileges(value);

/** A claim value as the text (or widget state) its input shows. */
export function toFieldValue(field: FormField, value: unknown, format: DateFormat): FieldValue | undefined {
  if (value === undefined || value === null) return undefined;
  switch (field.input) {
    case 'date':
      return typeof value === 'string' ? formatDateText(value, format) : undefined;
    case 'privileges': {
      if (!Array.isArray(value)) return undefined;
      const categories: PrivilegesValue['categories'] = {};
      for (const p of value as { vehicle_category_code?: unknown; issue_date?: unknown; expiry_date?: unknown }[]) {
        if (typeof p?.vehicle_category_code !== 'string') continue;
        categories[p.vehicle_category_code] = {
          issue: typeof p.issue_date === 'string' ? formatDateText(p.issue_date, format) : '',
          expiry: typeof p.expiry_date === 'string' ? formatDateText(p.expiry_date, format) : '',
        };
      }
      return { kind: 'privileges', categories };
    }
    case 'json':
      return JSON.stringify(value);
    case 'file':
      return typeof value === 'string'
        ? { name: 'portrait.jpg', size: Math.floor((value.length * 3) / 4), type: 'image/jpeg', base64: value }
        : undefined;
    case 'derived':
      return undefined;
    default:
      return String(value);
  }
}

/**
 * What a new form shows before the clerk types anything: the configuration's defaults, today for
 * an issue date, and the configured validity from it for an expiry date.
 */
export function initialValues(fields: readonly FormField[], context: RuleContext, format: DateFormat): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    const start = field.defaultValue ?? (field.rule?.kind === 'today' ? derivedValue(field.rule, {}, context) : undefined);
    const value = toFieldValue(field, start, format);
    if (value !== undefined) values[field.key] = value;
  }
  return followDefaults(fields, values, new Set(), context, format);
}

/**
 * Re-works out the dates that follow another (an expiry from its issue date) unless the clerk
 * typed them: `edited` holds the keys the clerk changed by hand.
 */
export function followDefaults(
  fields: readonly FormField[],
  values: Record<string, FieldValue | undefined>,
  edited: ReadonlySet<string>,
  context: RuleContext,
  format: DateFormat,
): Record<string, FieldValue> {
  const next = { ...values };
  for (const field of fields) {
    if (field.rule?.kind !== 'validity' || edited.has(field.key)) continue;
    const fromKey = field.rule.from.replace(/^claims\./, '');
    const from = next[fromKey];
    const fromDate = typeof from === 'string' ? parseDateText(from, format) : undefined;
    if (!fromDate) continue;
    next[field.key] = toFieldValue(field, derivedValue(field.rule, setPath({}, fromKey.split('.'), fromDate), context), format);
  }
  return Object.fromEntries(Object.entries(next).filter((e): e is [string, FieldValue] => e[1] !== undefined));
}

const isBlank = (value: FieldValue | undefined): boolean =>
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (isPrivileges(value) && Object.keys(value.categories).length === 0);

type Converted = { ok: true; value: unknown } | { ok: false; message: FormMessage };

/** One field's input as the claim value the engine expects; blank means "leave out". */
export function convertValue(
  field: Pick<FormField, 'type' | 'input' | 'values'>,
  value: FieldValue | undefined,
  format: DateFormat,
): Converted | undefined {
  if (isBlank(value)) return undefined;
  if (isPrivileges(value)) {
    const list = [];
    for (const [code, dates] of Object.entries(value.categories)) {
      const privilege: Record<string, string> = { vehicle_category_code: code };
      for (const [name, text] of [
        ['issue_date', dates.issue],
        ['expiry_date', dates.expiry],
      ] as const) {
        if (!text.trim()) continue;
        const date = parseDateText(text, format);
        if (!date) return { ok: false, message: { key: 'form.privilegeDate', params: { category: code, hint: format } } };
        privilege[name] = date;
      }
      list.push(privilege);
    }
    return { ok: true, value: list };
  }
  if (isFile(value)) return field.type === 'bytes' ? { ok: true, value: value.base64 } : { ok: false, message: { key: 'form.chooseFile' } };
  const text = value!.trim();
  if (field.input === 'select') {
    const option = field.values?.find((o) => String(o.value) === text);
    return option ? { ok: true, value: option.value } : { ok: false, message: { key: 'form.chooseOption' } };
  }
  switch (field.type) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: { key: 'form.enterNumber' } };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { ok: true, value: text === 'true' }
        : { ok: false, message: { key: 'form.chooseYesNo' } };
    case 'date': {
      const date = parseDateText(text, format);
      return date ? { ok: true, value: date } : { ok: false, message: { key: 'form.enterDate', params: { hint: format } } };
    }
    case 'dateTime': {
      // <input type=datetime-local> has no zone: read it as this kiosk's local time.
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? { ok: false, message: { key: 'form.enterDateTime' } } : { ok: true, value: at.toISOString() };
    }
    case 'array':
    case 'object':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, message: { key: 'form.enterJson', params: { kind: field.type } } };
      }
    case 'bytes':
      return { ok: false, message: { key: 'form.chooseFile' } };
    default:
      return { ok: true, value: text };
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] ??= {}) as Record<string, unknown>;
  });
  return target;
}

export interface FormState {
  /** The offer's `claims`, ready to send when `valid`: what was typed plus what is worked out. */
  claims: Record<string, unknown>;
  /** The worked-out values by field key (ages from the birth date), for display. */
  derived: Record<string, unknown>;
  /** Problems by field key. */
  errors: Record<string, FormMessage>;
  valid: boolean;
}

function schemaMessage(issue: z.core.$ZodIssue): FormMessage {
  if (issue.code === 'invalid_type' && issue.input === undefined) return { key: 'form.required' };
  return { key: 'form.schema', params: { message: issue.message } };
}

/** Converts every field, works out the derived ones, and checks the result as the engine will. */
export function evaluateForm(
  fields: readonly FormField[],
  schema: z.ZodType,
  values: FormValues,
  context: RuleContext,
  format: DateFormat,
): FormState {
  const claims: Record<string, unknown> = {};
  const errors: Record<string, FormMessage> = {};
  const derived: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.input === 'derived') continue;
    const converted = convertValue(field, values[field.key], format);
    if (!converted) continue;
    if (converted.ok) setPath(claims, field.path, converted.value);
    else errors[field.key] = converted.message;
  }
  for (const field of fields) {
    if (field.input !== 'derived' || !field.rule) continue;
    const value = derivedValue(field.rule, claims, context);
    if (value === undefined) continue;
    derived[field.key] = value;
    setPath(claims, field.path, value);
  }
  const result = schema.safeParse(claims);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const at = issue.path.map(String).join('.');
      // A missing parent object: blame its required fields.
      const targets = fields.filter((f) => f.key === at || (f.required && at !== '' && f.key.startsWith(`${at}.`)));
      for (const target of targets) errors[target.key] ??= schemaMessage(issue);
    }
  } else {
    for (const issue of checkClaimRules(fields, claims, context)) {
      errors[issue.path.join('.')] ??= { key: 'form.rule', params: { problem: issue.problem } };
    }
  }
  return { claims, derived, errors, valid: result.success && Object.keys(errors).length === 0 };
}

/** How many problems are missing values and how many are wrong values (the form's summary line). */
export function problemCounts(state: FormState, values: FormValues): { missing: number; wrong: number } {
  const keys = Object.keys(state.errors);
  const missing = keys.filter((k) => isBlank(values[k])).length;
  return { missing, wrong: keys.length - missing };
}

/**
 * A scanned document's claims (named by element identifier, view/scanned-document.ts) as form
 * values for the fields this configuration maps to those elements. Values a widget cannot take
 * (a sex code the configuration does not list) are left out.
 */
export function valuesFromDocument(
  fields: readonly FormField[],
  document: Readonly<Record<string, string | number>>,
  format: DateFormat,
): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    const value = document[field.element];
    if (value === undefined || field.input === 'derived' || field.input === 'file' || field.input === 'privileges') continue;
    if (field.input === 'select' && !field.values?.some((o) => o.value === value)) continue;
    if (field.type === 'number' && typeof value !== 'number') continue;
    const converted = toFieldValue(field, value, format);
    if (converted !== undefined) values[field.key] = converted;
  }
  return values;
}
