import type { CounterApiErrorInfo } from '../../../shared/counter-api';

/** What to tell the clerk about a failed call: short, and with what to do next. */
export function errorMessage(error: CounterApiErrorInfo, action: string): string {
  const detail = error.details?.length ? ` (${error.details.map((d) => `${d.param}: ${d.msg}`).join('; ')})` : '';
  switch (error.status) {
    case 0:
      return `Could not ${action}: the counter engine is not reachable. Check the network, then try again.`;
    case 401:
      return 'The API token was refused. Sign in again.';
    case 403:
      return `Could not ${action}: this API token's role does not allow it. Ask IT for a token with the right role.`;
    case 404:
      return `Could not ${action}: it no longer exists.`;
    case 409:
      return `Could not ${action}: ${error.message}.`;
    case 413:
      return `Could not ${action}: the data is too large (the portrait file is probably too big).`;
    case 400:
      return `Could not ${action}: ${error.message}${detail}.`;
    default:
      return `Could not ${action}: ${error.message} (HTTP ${error.status}).`;
  }
}
