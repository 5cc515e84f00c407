import { describe, expect, it } from 'vitest';
import { addDays, addExpiresIn, ageOn, localFullDate, parseFullDate } from './full-date';

describe('full-date arithmetic', () => {
  it('parses only real calendar dates', () => {
    expect(parseFullDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseFullDate('2023-02-29')).toBeUndefined();
    expect(parseFullDate('2023-13-01')).toBeUndefined();
    expect(parseFullDate('31/01/1990')).toBeUndefined();
  });

  it('adds a configuration validity by the calendar', () => {
    expect(addExpiresIn('2026-12-01', { years: 5 })).toBe('2031-12-01');
    expect(addExpiresIn('2024-02-29', { years: 1 })).toBe('2025-02-28');
    expect(addExpiresIn('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(addExpiresIn('2026-11-30', { months: 2, days: 1 })).toBe('2027-01-31');
    expect(addExpiresIn('2026-12-31', { weeks: 1, hours: 48 })).toBe('2027-01-09');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole years of age', () => {
    expect(ageOn('1990-01-31', '2026-01-30')).toBe(35);
    expect(ageOn('1990-01-31', '2026-01-31')).toBe(36);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('nope', '2026-03-01')).toBeUndefined();
  });

  it('reads the local calendar date', () => {
    expect(localFullDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
