import { z } from 'zod';

// MATTR VII mobile credential configuration shape (DESIGN §3).
export const claimTypes = ['string', 'number', 'boolean', 'date', 'dateTime', 'bytes', 'array', 'object'] as const;
export const zClaimType = z.enum(claimTypes);
export type ClaimType = z.infer<typeof zClaimType>;

// ISO 18013-5 §7.2: namespace and element identifiers are tstr; keep them printable and short.
const zIdentifier = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only');

export const zClaimMapping = z.strictObject({
  mapFrom: z.string().min(1).max(256).regex(/^claims(\.[A-Za-z0-9_-]+)+$/, 'must look like claims.<name>'),
  required: z.boolean().default(false),
  type: zClaimType.default('string'),
  defaultValue: z.unknown().optional(),
  label: z.string().min(1).max(100).optional(),
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
  backgroundColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  textColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
});

export const zMdocConfigurationInput = z.strictObject({
  type: z.string().min(1).max(256).regex(/^[A-Za-z0-9_.:-]+$/, 'a docType such as org.iso.18013.5.1.mDL'),
  claimMappings: z
    .record(zIdentifier, z.record(zIdentifier, zClaimMapping))
    .refine((m) => Object.values(m).some((els) => Object.keys(els).length > 0), 'at least one claim mapping is required'),
  expiresIn: zExpiresIn,
  branding: zBranding.optional(),
});
export type MdocConfigurationInput = z.infer<typeof zMdocConfigurationInput>;

export const zMdocConfiguration = zMdocConfigurationInput.extend({ id: z.uuid() });
export type MdocConfiguration = z.infer<typeof zMdocConfiguration>;

export const zMdocConfigurationList = z.object({ data: z.array(zMdocConfiguration), nextCursor: z.string().optional() });
export type MdocConfigurationList = z.infer<typeof zMdocConfigurationList>;
