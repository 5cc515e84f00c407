import type { ErrorDetail } from '../../../../shared/api/z-management-error';

export type ManagementStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

/** An error of the management API, rendered as MATTR's `{code, message, details}` (DESIGN §3). */
export class ManagementError extends Error {
  constructor(
    readonly status: ManagementStatus,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra response headers (Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ManagementError';
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new ManagementError(400, 'BadRequest', message, details);
export const notFound = (message: string) => new ManagementError(404, 'NotFound', message);
export const conflict = (message: string) => new ManagementError(409, 'Conflict', message);
export const unauthorized = (message: string) => new ManagementError(401, 'Unauthorized', message);
export const forbidden = (message: string) => new ManagementError(403, 'Forbidden', message);
