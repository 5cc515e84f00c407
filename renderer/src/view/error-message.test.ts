import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { errorMessage } from './error-message';

const { t } = createI18n('en');

describe('errorMessage', () => {
  it('says what went wrong and what to do', () => {
    expect(errorMessage({ status: 0, code: 'NetworkError', message: 'x' }, 'create the offer', t)).toMatch(/not reachable/);
    expect(errorMessage({ status: 401, code: 'Unauthorized', message: 'x' }, 'a', t)).toMatch(/Sign in again/);
    expect(errorMessage({ status: 409, code: 'Conflict', message: 'A credential was already issued' }, 'cancel the offer', t)).toBe(
      'Could not cancel the offer: A credential was already issued.',
    );
    expect(
      errorMessage(
        {
          status: 400,
          code: 'BadRequest',
          message: 'Invalid claims',
          details: [{ param: 'claims.birth_date', msg: 'must be a date', location: 'body' }],
        },
        'create the offer',
        t,
      ),
    ).toBe('Could not create the offer: Invalid claims (claims.birth_date: must be a date).');
  });

  it('speaks German too', () => {
    const de = createI18n('de').t;
    expect(errorMessage({ status: 0, code: 'NetworkError', message: 'x' }, de('actions.createOffer'), de)).toMatch(/nicht erreichbar/);
  });
});
