import { describe, expect, it } from 'vitest';
import { formatDateText, formatHint, parseDateText, spelledDate } from './dates';

describe('office date formats', () => {
  it('shows a full-date as the office writes it', () => {
    expect(formatDateText('1990-01-31', 'dd/mm/yyyy')).toBe('31/01/1990');
    expect(formatDateText('1990-01-31', 'dd.mm.yyyy')).toBe('31.01.1990');
    expect(formatDateText('1990-01-31', 'mm/dd/yyyy')).toBe('01/31/1990');
    expect(formatDateText('1990-01-31', 'yyyy-mm-dd')).toBe('1990-01-31');
    expect(formatDateText('31/01/1990', 'yyyy-mm-dd')).toBe('31/01/1990');
  });

  it('reads what a clerk types in the office order, with or without separators, and ISO always', () => {
    expect(parseDateText('31/01/1990', 'dd/mm/yyyy')).toBe('1990-01-31');
    expect(parseDateText('31.1.1990', 'dd/mm/yyyy')).toBe('1990-01-31');
    expect(parseDateText('31011990', 'dd.mm.yyyy')).toBe('1990-01-31');
    expect(parseDateText('01/31/1990', 'mm/dd/yyyy')).toBe('1990-01-31');
    expect(parseDateText('19900131', 'yyyy-mm-dd')).toBe('1990-01-31');
    expect(parseDateText('1990-01-31', 'mm/dd/yyyy')).toBe('1990-01-31');
    expect(parseDateText('31/01/1990', 'mm/dd/yyyy')).toBeUndefined();
    expect(parseDateText('30/02/1990', 'dd/mm/yyyy')).toBeUndefined();
    expect(parseDateText('31/01/90', 'dd/mm/yyyy')).toBeUndefined();
    expect(parseDateText('soon', 'dd/mm/yyyy')).toBeUndefined();
  });

  it('spells the format and the date out', () => {
    expect(formatHint('dd.mm.yyyy', { d: 'T', m: 'M', y: 'J' })).toBe('TT.MM.JJJJ');
    expect(spelledDate('1990-01-31', 'en-NZ')).toBe('Wednesday, 31 January 1990');
    expect(spelledDate('1990-01-31', 'de')).toBe('Mittwoch, 31. Januar 1990');
  });
});
