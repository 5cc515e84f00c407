import { describe, expect, it } from 'vitest';
import { zCreatePreAuthorizedOfferRequest } from '../../../shared/api/z-pre-authorized-offer';
import { offerRequest, transactionCodeDigits } from './offer-request';

describe('offerRequest', () => {
  it('asks for a numeric code and a by-reference offer, valid under the engine schema', () => {
    const request = offerRequest('0b7e3a52-4f3e-4c4e-8d7a-0c1e5f2a9b11', { family_name: 'Doe' }, 300);
    expect(request).toEqual({
      credentials: ['0b7e3a52-4f3e-4c4e-8d7a-0c1e5f2a9b11'],
      claims: { family_name: 'Doe' },
      expiresIn: { seconds: 300 },
      transactionCodeConfiguration: { inputMode: 'numeric' },
      offerBy: 'reference',
    });
    expect(zCreatePreAuthorizedOfferRequest.safeParse(request).success).toBe(true);
  });
});

describe('transactionCodeDigits', () => {
  it('shows numeric codes as six digits', () => {
    expect(transactionCodeDigits(123456)).toBe('123456');
    expect(transactionCodeDigits(42)).toBe('000042');
    expect(transactionCodeDigits('AB12CD')).toBe('AB12CD');
    expect(transactionCodeDigits(undefined)).toBeUndefined();
  });
});
