import { describe, expect, it } from 'vitest';
import { AAMVA_LICENCE, MRZ_ID_CARD, MRZ_PASSPORT, MRZ_PASSPORT_BAD_CHECK_DIGIT } from '../../../test/fixtures/documents';
import { readScannedDocument } from './scanned-document';

const today = new Date(2026, 11, 1);

describe('readScannedDocument', () => {
  it('reads an AAMVA licence barcode into ISO 18013-5 element names', () => {
    expect(readScannedDocument(AAMVA_LICENCE, today)).toEqual({
      kind: 'aamva',
      claims: {
        family_name: 'TUHOE-SMITH',
        given_name: 'AROHA MERE',
        birth_date: '1990-01-31',
        issue_date: '2025-08-24',
        expiry_date: '2030-01-31',
        document_number: 'D1234562',
        sex: 2,
        resident_address: '789 E OAK ST',
        resident_city: 'ANYTOWN',
        resident_state: 'CA',
        resident_postal_code: '902230000',
        resident_country: 'US',
        height: 165,
        eye_colour: 'brown',
      },
    });
    // A scanner that sends CR instead of LF, and one that sends the record separator.
    expect(readScannedDocument(AAMVA_LICENCE.replace(/\n/g, '\r'), today).kind).toBe('aamva');
    expect(readScannedDocument(AAMVA_LICENCE.replace('@\n\n', '@\n\x1e\r'), today).kind).toBe('aamva');
  });

  it('reads a passport MRZ (TD3) and an ID card MRZ (TD1), check digits verified', () => {
    expect(readScannedDocument(MRZ_PASSPORT, today)).toEqual({
      kind: 'mrz',
      format: 'TD3',
      claims: { family_name: 'TUHOE SMITH', given_name: 'AROHA', birth_date: '1990-01-31', sex: 2, nationality: 'NZ' },
    });
    expect(readScannedDocument(MRZ_ID_CARD, today)).toEqual({
      kind: 'mrz',
      format: 'TD1',
      claims: { family_name: 'MUSTERMANN', given_name: 'ERIKA', birth_date: '1985-06-15', sex: 2, nationality: 'DE' },
    });
  });

  it('names the check digit that fails', () => {
    expect(readScannedDocument(MRZ_PASSPORT_BAD_CHECK_DIGIT, today)).toEqual({
      kind: 'mrz-invalid',
      fields: ['documentNumberCheckDigit', 'compositeCheckDigit'],
    });
  });

  it('waits while the scanner is still typing, and knows noise from a document', () => {
    expect(readScannedDocument(MRZ_PASSPORT.split('\n')[0]!, today)).toEqual({ kind: 'incomplete' });
    expect(readScannedDocument('P<NZLTUHOE', today)).toEqual({ kind: 'incomplete' });
    expect(readScannedDocument('@\n', today)).toEqual({ kind: 'incomplete' });
    expect(readScannedDocument('hello world, not a document', today)).toEqual({ kind: 'unknown' });
    expect(readScannedDocument('@\n\nANSI 636014080102DL00410278ZC03190008DLDAQ\nDCSX', today)).toEqual({ kind: 'unknown' });
  });
});
