import { z } from 'zod';
import { claimFieldSchema } from '../claims/claims-schema';
import { ruleClaimType, zClaimFormat, zClaimOption, zClaimRule, zImageLimits, zLocalizedName } from './z-claim-metadata';

// MATTR VII mobile credential configuration shape (DESIGN §3).
export const claimTypes = ['string', 'number', 'boolean', 'date', 'dateTime', 'bytes', 'array', 'object'] as const;
export const zClaimType = z.enum(claimTypes);
export type ClaimType = z.infer<typeof zClaimType>;

// ISO 18013-5 §7.2: namespace and element identifiers are tstr; keep them printable and short.
const zIdentifier = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only');

// Names that would reach an object's prototype instead of a claim.
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export const zClaimMapping = z.strictObject({
  mapFrom: z
    .string()
    .min(1)
    .max(256)
    .regex(/^claims(\.[A-Za-z0-9_-]+)+$/, 'must look like claims.<name>')
    .refine(
      (path) => !path.split('.').some((segment) => UNSAFE_SEGMENTS.has(segment)),
      'must not name __proto__, prototype or constructor',
    ),
  required: z.boolean().default(false),
  type: zClaimType.default('string'),
  defaultValue: z.unknown().optional(),
  label: z.string().min(1).max(100).optional(),
  // Extensions (DESIGN §14, z-claim-metadata.ts): what the form and the engine's checks need.
  display: z.array(zLocalizedName).max(20).optional(),
  values: z.array(zClaimOption).min(1).max(300).optional(),
  format: zClaimFormat.optional(),
  rule: zClaimRule.optional(),
  image: zImageLimits.optional(),
});
export type ClaimMapping = z.infer<typeof zClaimMapping>;

export const zExpiresIn = z
  .strictObject({
    years: z.number().int().min(0).max(20).optional(),
    months: z.number().int().min(0).max(240).optional(),
    weeks: z.number().int().min(0).max(1040).optional(),
    days: z.number().int().min(0).max(7300).optional(),
    hours: z.number().int().min(0).max(175200).optional(),
    minutes: z.number().int().min(0).optional(),
    seconds: z.number().int().min(0).optional(),
  })
  .refine((e) => Object.values(e).some((v) => (v ?? 0) > 0), 'expiresIn must be longer than zero');
export type ExpiresIn = z.infer<typeof zExpiresIn>;

export const zBranding = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  backgroundColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  textColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
});

type ClaimMappings = Record<string, Record<string, z.infer<typeof zClaimMapping>>>;

/** The metadata must fit its claim: enumerations of its type, formats and rules for the right kind of claim. */
function checkMetadata(mapping: ClaimMapping, at: string[], types: ReadonlyMap<string, ClaimType>, ctx: z.RefinementCtx): void {
  const issue = (message: string, key: string) => ctx.addIssue({ code: 'custom', message, path: [...at, key] });
  const format = mapping.format;
  if (format === 'country' && mapping.type !== 'string') issue('format country needs type string', 'format');
  if (format === 'driving_privileges' && mapping.type !== 'array') issue('format driving_privileges needs type array', 'format');
  if (mapping.values && format !== 'driving_privileges') {
    const want = mapping.type === 'number' ? 'number' : mapping.type === 'string' ? 'string' : undefined;
    if (!want) issue(`values need type string or number, not ${mapping.type}`, 'values');
    else if (mapping.values.some((v) => typeof v.value !== want)) issue(`every value must be a ${want}`, 'values');
  }
  if (mapping.image && mapping.type !== 'bytes') issue('image limits need type bytes', 'image');
  const rule = mapping.rule;
  if (!rule) return;
  if (ruleClaimType[rule.kind] !== mapping.type) issue(`rule ${rule.kind} needs type ${ruleClaimType[rule.kind]}`, 'rule');
  if ('from' in rule && types.get(rule.from) !== 'date') issue(`rule ${rule.kind} needs ${rule.from} mapped as a date`, 'rule');
}

/** Defaults must have their claim's type; two mappings may not read one claim as different things. */
function checkMappings(mappings: ClaimMappings, ctx: z.RefinementCtx): void {
  const seen: { path: string; type: ClaimType; at: string[] }[] = [];
  const types = new Map(Object.values(mappings).flatMap((elements) => Object.values(elements).map((m) => [m.mapFrom, m.type] as const)));
  for (const [namespace, elements] of Object.entries(mappings)) {
    for (const [element, mapping] of Object.entries(elements)) {
      const at = [namespace, element];
      checkMetadata(mapping, at, types, ctx);
      if (mapping.defaultValue !== undefined && !claimFieldSchema(mapping).safeParse(mapping.defaultValue).success) {
        ctx.addIssue({ code: 'custom', message: `defaultValue is not a valid ${mapping.type}`, path: [...at, 'defaultValue'] });
      }
      const path = mapping.mapFrom;
      for (const other of seen) {
        if (other.path === path && other.type !== mapping.type) {
          ctx.addIssue({
            code: 'custom',
            message: `${path} is already read as ${other.type} by ${other.at.join('/')}`,
            path: [...at, 'mapFrom'],
          });
        } else if (other.path.startsWith(`${path}.`) || path.startsWith(`${other.path}.`)) {
          ctx.addIssue({
            code: 'custom',
            message: `${path} overlaps ${other.path} (read by ${other.at.join('/')})`,
            path: [...at, 'mapFrom'],
          });
        }
      }
      seen.push({ path, type: mapping.type, at });
    }
  }
}

// OID4VCI 1.0 §12.2.4 key_attestations_required, and Appendix D.2 attack potential resistance values.
const zAttackPotentials = z.array(z.string().min(1).max(200)).min(1).max(10);
export const zKeyAttestationsRequired = z.strictObject({
  keyStorage: zAttackPotentials.optional(),
  userAuthentication: zAttackPotentials.optional(),
});
export type KeyAttestationsRequired = z.infer<typeof zKeyAttestationsRequired>;

export const zMdocConfigurationInput = z.strictObject({
  type: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'a docType such as org.iso.18013.5.1.mDL'),
  claimMappings: z
    .record(zIdentifier, z.record(zIdentifier, zClaimMapping))
    .refine((m) => Object.values(m).some((els) => Object.keys(els).length > 0), 'at least one claim mapping is required')
    .superRefine(checkMappings),
  expiresIn: zExpiresIn,
  branding: zBranding.optional(),
  /** DESIGN §11: every mDoc of this configuration gets a status list entry in its MSO. */
  includeStatus: z.boolean().optional(),
  /** Every device key must be attested by a trusted wallet provider (DESIGN §12), with these properties when listed. */
  keyAttestationsRequired: zKeyAttestationsRequired.optional(),
});
export type MdocConfigurationInput = z.infer<typeof zMdocConfigurationInput>;

export const zMdocConfiguration = zMdocConfigurationInput.extend({ id: z.uuid() });
export type MdocConfiguration = z.infer<typeof zMdocConfiguration>;

export const zMdocConfigurationList = z.object({ data: z.array(zMdocConfiguration), nextCursor: z.string().optional() });
export type MdocConfigurationList = z.infer<typeof zMdocConfigurationList>;
