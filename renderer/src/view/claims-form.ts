import type { z } from 'zod';
import type { ClaimType } from '../../../shared/api/z-mdoc-configuration';
import type { ClaimField } from '../../../shared/claims/claim-fields';

// The counter form as data: which input each claim gets, how typed text becomes the offer's
// `claims`, and which field each problem belongs to. Validation itself is claimsSchemaFor(), the
// same schema the engine applies (shared/claims/claims-schema.ts).

export type InputKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'file' | 'json';

export interface FormField extends ClaimField {
  /** Unique within the form: the claims path joined with dots. */
  key: string;
  input: InputKind;
  /** A hint shown under the label, e.g. what a default will be. */
  hint?: string;
}

/** A file turned into base64 (the portrait). */
export interface FileValue {
  name: string;
  size: number;
  type: string;
  base64: string;
}

/** Text inputs hold strings, selects 'true' | 'false' | '', file inputs a FileValue. */
export type FieldValue = string | FileValue;
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

function defaultHint(field: ClaimField): string | undefined {
  if (field.defaultValue === undefined) return undefined;
  return `Leave empty for the default: ${typeof field.defaultValue === 'string' ? field.defaultValue : JSON.stringify(field.defaultValue)}`;
}

/** Required fields first (in configuration order), then the optional ones. */
export function formFields(fields: readonly ClaimField[]): FormField[] {
  const ordered = [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
  return ordered.map((field) => {
    const hint =
      defaultHint(field) ??
      (field.type === 'bytes' ? 'A JPEG file' : field.type === 'array' ? 'JSON, e.g. [{"vehicle_category_code":"B"}]' : undefined);
    return { ...field, key: field.path.join('.'), input: inputFor[field.type], ...(hint ? { hint } : {}) };
  });
}

const isBlank = (value: FieldValue | undefined): boolean => value === undefined || (typeof value === 'string' && value.trim() === '');

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** One field's input as the claim value the engine expects; blank means "leave out". */
export function convertValue(field: Pick<FormField, 'type'>, value: FieldValue | undefined): Converted | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string')
    return field.type === 'bytes' ? { ok: true, value: value!.base64 } : { ok: false, message: 'Unexpected file' };
  const text = value.trim();
  switch (field.type) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'Enter a number' };
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, message: 'Choose yes or no' };
    case 'dateTime': {
      // <input type=datetime-local> has no zone: read it as this kiosk's local time.
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? { ok: false, message: 'Enter a date and time' } : { ok: true, value: at.toISOString() };
    }
    case 'array':
    case 'object':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, message: `Enter valid JSON (${field.type === 'array' ? 'an array' : 'an object'})` };
      }
    case 'bytes':
      return { ok: false, message: 'Choose a file' };
    default:
      return { ok: true, value: text };
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] ??= {}) as Record<string, unknown>;
  });
}

export interface FormState {
  /** The offer's `claims`, ready to send when `valid`. */
  claims: Record<string, unknown>;
  /** Problems by field key. */
  errors: Record<string, string>;
  valid: boolean;
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
  return issue.message;
}

/** Converts every field and validates the result with the configuration's claims schema. */
export function evaluateForm(fields: readonly FormField[], schema: z.ZodType, values: FormValues): FormState {
  const claims: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const converted = convertValue(field, values[field.key]);
    if (!converted) continue;
    if (converted.ok) setPath(claims, field.path, converted.value);
    else errors[field.key] = converted.message;
  }
  const result = schema.safeParse(claims);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const at = issue.path.map(String).join('.');
      // A missing parent object: blame its required fields.
      const targets = fields.filter((f) => f.key === at || (f.required && at !== '' && f.key.startsWith(`${at}.`)));
      for (const target of targets) errors[target.key] ??= friendly(issue);
    }
  }
  return { claims, errors, valid: result.success && Object.keys(errors).length === 0 };
}

/** "Fill in 3 more required fields" / "Fix 1 field" / undefined when ready. */
export function formSummary(state: FormState, values: FormValues): string | undefined {
  if (state.valid) return undefined;
  const keys = Object.keys(state.errors);
  const missing = keys.filter((k) => isBlank(values[k])).length;
  const wrong = keys.length - missing;
  const parts = [];
  if (missing) parts.push(`fill in ${missing} more required field${missing === 1 ? '' : 's'}`);
  if (wrong) parts.push(`fix ${wrong} field${wrong === 1 ? '' : 's'}`);
  if (parts.length === 0) return 'Check the form';
  const text = parts.join(' and ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
