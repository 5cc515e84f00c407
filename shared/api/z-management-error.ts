import { z } from 'zod';

// MATTR VII error body (DESIGN §3).
export const zErrorDetail = z.object({
  value: z.unknown().optional(),
  msg: z.string(),
  param: z.string(),
  location: z.string(),
});
export type ErrorDetail = z.infer<typeof zErrorDetail>;

export const zManagementError = z.object({ code: z.string(), message: z.string(), details: z.array(zErrorDetail).optional() });
export type ManagementErrorBody = z.infer<typeof zManagementError>;
