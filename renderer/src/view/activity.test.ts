import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventOutcome, eventSummary } from './activity';

describe('activity view', () => {
  it('lists the start, success and fail event of each operation', () => {
    expect(EVENT_TYPES).toHaveLength(18);
    expect(EVENT_TYPES).toContain('OPENID_CREDENTIAL_FAIL');
  });

  it('reads the outcome from the type suffix', () => {
    expect(eventOutcome('OPENID_TOKEN_SUCCESS')).toEqual({ label: 'Success', tone: 'success' });
    expect(eventOutcome('OPENID_TOKEN_FAIL').tone).toBe('danger');
    expect(eventOutcome('OPENID_TOKEN_START').label).toBe('Started');
  });

  it('summarises data briefly', () => {
    expect(eventSummary({ offerId: 'abc', error: { code: 'invalid_grant' } })).toBe('offerId: abc · error: {"code":"invalid_grant"}');
    expect(eventSummary({ long: 'x'.repeat(500) }, 20)).toHaveLength(20);
  });
});
