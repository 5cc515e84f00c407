import type { TFunction } from 'i18next';
import type { CounterApiErrorInfo } from '../../../shared/counter-api';

/** What to tell the clerk about a failed call: short, and with what to do next. `action` is already worded ("create the offer"). */
export function errorMessage(error: CounterApiErrorInfo, action: string, t: TFunction): string {
  const detail = error.details?.length ? ` (${error.details.map((d) => `${d.param}: ${d.msg}`).join('; ')})` : '';
  switch (error.status) {
    case 0:
      return t('errors.unreachable', { action });
    case 401:
      return t('errors.unauthorized');
    case 403:
      return t('errors.forbidden', { action });
    case 404:
      return t('errors.notFound', { action });
    case 409:
      return t('errors.conflict', { action, message: error.message });
    case 413:
      return t('errors.tooLarge', { action });
    case 400:
      return t('errors.badRequest', { action, message: error.message, detail });
    default:
      return t('errors.other', { action, message: error.message, status: error.status });
  }
}
