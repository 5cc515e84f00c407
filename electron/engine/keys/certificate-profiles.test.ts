import { describe, expect, it } from 'vitest';
import { systemRandom } from '../core/util/secrets';
import { DOCUMENT_SIGNER_PROFILE, iacaValidity, randomSerialNumber, signerValidity, subjectName } from './certificate-profiles';

const NOW = new Date('2026-03-01T10:00:00.750Z');

describe('certificate profiles', () => {
  it('gives the IACA nine years in whole seconds, starting a little early', () => {
    const { notBefore, notAfter } = iacaValidity(NOW);
    expect(notAfter.toISOString()).toBe('2035-03-01T10:00:00.000Z');
    expect(notBefore.getTime()).toBeLessThan(NOW.getTime());
    expect(notBefore.getMilliseconds()).toBe(0);
    expect(iacaValidity(NOW, new Date('2030-01-01T00:00:00.900Z')).notAfter.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('gives a Document Signer a year, never past the IACA (Annex B.1.4)', () => {
    const free = signerValidity(NOW, new Date('2035-01-01T00:00:00Z'), DOCUMENT_SIGNER_PROFILE);
    expect(free.notAfter.toISOString()).toBe('2027-03-01T10:00:00.000Z');
    const capped = signerValidity(NOW, new Date('2026-06-01T00:00:00Z'), DOCUMENT_SIGNER_PROFILE);
    expect(capped.notAfter.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('draws positive 16-octet serial numbers', () => {
    const serials = new Set(Array.from({ length: 100 }, () => randomSerialNumber(systemRandom)));
    expect(serials.size).toBe(100);
    for (const serial of serials) expect(serial).toMatch(/^[4-7][0-9a-f]{31}$/);
  });

  it('builds C + CN subjects and checks the country', () => {
    expect(subjectName('Counter, Wellington', 'NZ').toString()).toBe('C=NZ, CN=Counter\\, Wellington');
    expect(() => subjectName('Counter', 'nz')).toThrow(/alpha-2/);
    expect(() => subjectName(' ', 'NZ')).toThrow(/common name/);
    expect(subjectName('Counter', 'US', 'US-AL').toString()).toBe('C=US, ST=US-AL, CN=Counter');
  });
});
