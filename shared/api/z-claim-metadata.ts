import { z } from 'zod';

// What a claim mapping may say about its claim beyond MATTR's {mapFrom, required, type, defaultValue}
// (DESIGN §14): display names, an enumeration, a well-known format, a rule that fills it in or
// checks it against another claim, and image limits. The counter form is generated from these,
// and the engine checks the same rules (shared/claims/claim-rules.ts), so no field needs code of its own.

/** OID4VCI 1.0 §12.2.4 `display`: a name per language tag. */
export const zLocalizedName = z.strictObject({
  locale: z
    .string()
    .min(2)
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag such as en or de-CH'),
  name: z.string().min(1).max(100),
});
export type LocalizedName = z.infer<typeof zLocalizedName>;

/** One allowed value of an enumerated claim (ISO 5218 sex codes, vehicle categories). */
export const zClaimOption = z.strictObject({
  value: z.union([z.string().min(1).max(100), z.number().int()]),
  label: z.string().min(1).max(100),
  display: z.array(zLocalizedName).max(20).optional(),
});
export type ClaimOption = z.infer<typeof zClaimOption>;

const zClaimPath = z
  .string()
  .regex(/^claims(\.[A-Za-z0-9_-]+)+$/, 'must look like claims.<name>')
  .max(256);

/**
 * Rules between claims. `today` and `validity` fill in a default the clerk may change; the age
 * rules are worked out from a birth date (and refused when they contradict it); `validity`,
 * `today` and `birth_date` also say what is plausible.
 */
export const zClaimRule = z.discriminatedUnion('kind', [
  /** A date that defaults to today and is not in the future (an issue date). */
  z.strictObject({ kind: z.literal('today') }),
  /** A date that defaults to `from` plus the configuration's expiresIn; after `from` and in the future (an expiry date). */
  z.strictObject({ kind: z.literal('validity'), from: zClaimPath }),
  /** A birth date: not in the future, and a plausible age. */
  z.strictObject({ kind: z.literal('birth_date') }),
  /** ISO 18013-5 §7.2.5 age_over_NN: true when the holder is at least `years` old today. */
  z.strictObject({ kind: z.literal('age_over'), from: zClaimPath, years: z.number().int().min(1).max(99) }),
  /** ISO 18013-5 age_in_years. */
  z.strictObject({ kind: z.literal('age_in_years'), from: zClaimPath }),
  /** ISO 18013-5 age_birth_year. */
  z.strictObject({ kind: z.literal('age_birth_year'), from: zClaimPath }),
]);
export type ClaimRule = z.infer<typeof zClaimRule>;

/**
 * Well-known value formats: `country` is an ISO 3166-1 alpha-2 code; `driving_privileges` is the
 * ISO 18013-5 §7.2.4 array of {vehicle_category_code, issue_date?, expiry_date?}, its categories
 * listed in `values`.
 */
export const zClaimFormat = z.enum(['country', 'driving_privileges']);
export type ClaimFormat = z.infer<typeof zClaimFormat>;

/** A portrait's size: the camera or file image is cropped to width:height, scaled, and kept under maxBytes as JPEG. */
export const zImageLimits = z.strictObject({
  width: z.number().int().min(32).max(2000),
  height: z.number().int().min(32).max(2000),
  maxBytes: z.number().int().min(2_000).max(350_000),
});
export type ImageLimits = z.infer<typeof zImageLimits>;

/** The kinds of claim each rule applies to (checked when a configuration is saved). */
export const ruleClaimType = {
  today: 'date',
  validity: 'date',
  birth_date: 'date',
  age_over: 'boolean',
  age_in_years: 'number',
  age_birth_year: 'number',
} as const satisfies Record<ClaimRule['kind'], string>;
