import { z } from 'zod';

export const apiRoles = ['admin', 'issuer'] as const;
export const zApiRole = z.enum(apiRoles);
export type ApiRole = z.infer<typeof zApiRole>;

export const zCreateApiTokenRequest = z.strictObject({ name: z.string().min(1).max(100), role: zApiRole });
export const zApiTokenSummary = z.object({ id: z.uuid(), name: z.string(), role: zApiRole, createdAt: z.string() });
export type ApiTokenSummary = z.infer<typeof zApiTokenSummary>;
export const zCreatedApiToken = zApiTokenSummary.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof zCreatedApiToken>;
