import { describe, expect, it } from 'vitest';
import { addExpiresIn, CLOCK_SKEW_ALLOWANCE_MS, validityFor } from './validity';

const NOW = Date.UTC(2026, 10, 23, 12, 30, 15, 500);
const signer = { notBefore: new Date(Date.UTC(2026, 0, 1)), notAfter: new Date(Date.UTC(2027, 0, 1)) };

describe('validityFor', () => {
  it('backdates signed and validFrom by the skew allowance, in whole seconds', () => {
    const v = validityFor(NOW, { days: 30 }, signer);
    expect(v.validFrom.getTime()).toBe(Math.floor((NOW - CLOCK_SKEW_ALLOWANCE_MS) / 1000) * 1000);
    expect(v.signed).toEqual(v.validFrom);
    // A verifier whose clock is 59 minutes behind the kiosk already sees the mDoc as valid.
    expect(v.validFrom.getTime()).toBeLessThanOrEqual(NOW - 59 * 60_000);
    expect(v.validUntil.getTime()).toBe(Math.floor(addExpiresIn(NOW, { days: 30 }) / 1000) * 1000);
  });

  it('never starts before the Document Signer certificate, nor ends after it', () => {
    const fresh = { notBefore: new Date(NOW - 10 * 60_000), notAfter: new Date(NOW + 86_400_000) };
    const v = validityFor(NOW, { years: 5 }, fresh);
    expect(v.validFrom.getTime()).toBeGreaterThanOrEqual(fresh.notBefore.getTime());
    expect(v.validUntil.getTime()).toBeLessThanOrEqual(fresh.notAfter.getTime());
    expect(v.validFrom.getTime()).toBeLessThan(v.validUntil.getTime());
  });

  it('refuses to sign outside the certificate validity (a kiosk clock far off)', () => {
    expect(() => validityFor(Date.UTC(2030, 0, 1), { days: 1 }, signer)).toThrow(/kiosk clock/);
  });

  it('adds calendar years and months', () => {
    expect(new Date(addExpiresIn(Date.UTC(2024, 0, 31), { months: 1 })).toISOString()).toBe('2024-03-02T00:00:00.000Z');
    expect(new Date(addExpiresIn(Date.UTC(2026, 5, 1), { years: 5, days: 1 })).toISOString()).toBe('2031-06-02T00:00:00.000Z');
  });
});
