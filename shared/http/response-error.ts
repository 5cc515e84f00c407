import { zManagementError } from '../api/z-management-error';
import { CounterApiError } from '../counter-api';

/** A non-2xx management response as a CounterApiError (DESIGN §3 error body when present). */
export async function responseError(response: Response): Promise<CounterApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = zManagementError.safeParse(body);
  if (parsed.success) return new CounterApiError({ status: response.status, ...parsed.data });
  return new CounterApiError({
    status: response.status,
    code: `Http${response.status}`,
    message: response.statusText || `HTTP ${response.status}`,
  });
}

export const unreachable = (cause: unknown): CounterApiError =>
  new CounterApiError({
    status: 0,
    code: 'NetworkError',
    message: `The counter engine could not be reached${cause instanceof Error && cause.message ? ` (${cause.message})` : ''}`,
  });
