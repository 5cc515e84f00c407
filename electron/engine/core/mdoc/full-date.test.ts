import { describe, expect, it } from 'vitest';
import { FullDate, isFullDate } from './full-date';

describe('FullDate', () => {
  it('keeps a real YYYY-MM-DD day as given', () => {
    for (const value of ['1990-05-17', '2024-02-29', '0001-01-01', '9999-12-31']) {
      expect(new FullDate(value).value).toBe(value);
      expect(String(new FullDate(value))).toBe(value);
      expect(JSON.stringify({ d: new FullDate(value) })).toBe(`{"d":"${value}"}`);
    }
  });

  it('rejects anything that is not a calendar day', () => {
    for (const value of [
      '2023-02-29',
      '1990-13-01',
      '1990-00-10',
      '1990-01-32',
      '1990-1-01',
      '90-01-01',
      '1990-01-01T00:00:00Z',
      '',
      ' 1990-01-01',
      '+01990-01-01',
    ]) {
      expect(isFullDate(value), value).toBe(false);
      expect(() => new FullDate(value), value).toThrow(/not a full-date/);
    }
  });
});
