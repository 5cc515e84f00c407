import { describe, expect, it } from 'vitest';
import { brokenRules, formatDay, formatFingerprint, signerStatusKey } from './trust';

describe('trust view', () => {
  it('formats fingerprints as verifiers read them, and dates as the office writes them', () => {
    expect(formatFingerprint('0dff96ab')).toBe('0D:FF:96:AB');
    expect(formatDay('2027-12-01T09:07:16.000Z', 'dd/mm/yyyy')).toBe('01/12/2027');
    expect(formatDay('2027-12-01T09:07:16.000Z', 'yyyy-mm-dd')).toBe('2027-12-01');
  });

  it('says what a signer is doing: signing now comes before its status', () => {
    expect(signerStatusKey({ status: 'active', current: true })).toBe('current');
    expect(signerStatusKey({ status: 'pending', current: false })).toBe('pending');
    expect(signerStatusKey({ status: 'expiring', current: true })).toBe('current');
  });

  it('turns each refused Annex B rule into a rule and its explanation', () => {
    const error = {
      status: 400,
      code: 'BadRequest',
      message: 'The certificate does not fit this Document Signer (ISO 18013-5 Annex B.1.4)',
      details: [
        {
          msg: 'ISO 18013-5 Annex B.1.4 extKeyUsage: extKeyUsage must be critical and hold 1.0.18013.5.1.2 (the Document Signer purpose)',
          param: 'certificatePem',
          location: 'body',
          value: '(none)',
        },
        {
          msg: 'ISO 18013-5 Annex B.1.4 validity: a Document Signer may be valid for at most 457 days',
          param: 'certificatePem',
          location: 'body',
          value: '600 days',
        },
        { msg: 'expected exactly one PEM "CERTIFICATE" block, found 0', param: 'certificatePem', location: 'body' },
      ],
    };
    expect(brokenRules(error)).toEqual([
      {
        field: 'extKeyUsage',
        section: 'B.1.4',
        key: 'extKeyUsage',
        explanation: 'extKeyUsage must be critical and hold 1.0.18013.5.1.2 (the Document Signer purpose)',
      },
      {
        field: 'validity',
        section: 'B.1.4',
        key: 'validity',
        explanation: 'a Document Signer may be valid for at most 457 days',
        value: '600 days',
      },
      { field: 'certificatePem', explanation: 'expected exactly one PEM "CERTIFICATE" block, found 0' },
    ]);
  });

  it('names each Annex B field the engine checks by a catalog key, and leaves an unknown one as it is', () => {
    const detail = (msg: string) => ({
      status: 400,
      code: 'BadRequest',
      message: 'm',
      details: [{ msg, param: 'certificatePem', location: 'body' }],
    });
    expect(brokenRules(detail('ISO 18013-5 Annex B.1.4 subject countryName: the countryName must be the IACA\'s ("NZ")'))[0]).toMatchObject(
      {
        field: 'subject countryName',
        key: 'countryName',
      },
    );
    expect(brokenRules(detail('ISO 18013-5 Annex B.1.2 cRLDistributionPoints: a URI is required'))[0]?.key).toBe('crlDistributionPoints');
    // A status-list signer's profile is named in words.
    expect(brokenRules(detail('ISO 18013-5 Annex B (MSO revocation list signer) keyUsage: keyUsage must be critical'))[0]).toMatchObject({
      field: 'keyUsage',
      section: 'B (MSO revocation list signer)',
      key: 'keyUsage',
    });
    expect(brokenRules(detail('ISO 18013-5 Annex B.1.2 somethingNew: a new rule'))[0]).toEqual({
      field: 'somethingNew',
      section: 'B.1.2',
      explanation: 'a new rule',
    });
  });
});
