import { describe, expect, it } from 'vitest';
import { en } from '../i18n/locales/en';
import { actorOf, dailyCounts, EVENT_TYPES, OPERATIONS, offerReference, outcomeTone, parseEventType, startOfToday } from './activity';

describe('activity view', () => {
  it('has words for the outcomes of every operation', () => {
    expect(EVENT_TYPES).toHaveLength(OPERATIONS.length * 2);
    for (const op of OPERATIONS) expect(en.activity.operations[op].SUCCESS).not.toBe('');
    expect(parseEventType('OPENID_TOKEN_FAIL')).toEqual({ operation: 'OPENID_TOKEN', outcome: 'FAIL' });
    expect(parseEventType('SOMETHING_NEW_SUCCESS')).toEqual({ outcome: 'SUCCESS' });
    expect(parseEventType('odd')).toEqual({});
    expect(outcomeTone('FAIL')).toBe('danger');
  });

  it('names who acted and which offer', () => {
    expect(actorOf({ type: 'OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS', data: { clerkName: 'Mere' } })).toEqual({
      kind: 'clerk',
      name: 'Mere',
    });
    expect(actorOf({ type: 'OPENID_TOKEN_FAIL', data: {} })).toEqual({ kind: 'wallet' });
    expect(actorOf({ type: 'OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS', data: {} })).toEqual({ kind: 'unknown' });
    expect(offerReference('3f2a9c1e-0000-4000-8000-000000000000')).toBe('3F2A');
  });

  it("counts today's offers, issued credentials, cancellations and failures", () => {
    const events = [
      'OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS',
      'OPENID_PRE_AUTHORIZED_OFFER_CREATE_START',
      'OPENID_CREDENTIAL_SUCCESS',
      'OPENID_TOKEN_FAIL',
      'OPENID_PRE_AUTHORIZED_OFFER_DELETE_SUCCESS',
      'OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS',
    ].map((type) => ({ type }));
    expect(dailyCounts(events)).toEqual({ offers: 2, issued: 1, cancelled: 1, failed: 1 });
    expect(startOfToday(new Date(2026, 11, 1, 15, 30))).toBe(new Date(2026, 11, 1).getTime());
  });
});
