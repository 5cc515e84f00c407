import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { formatCountdown, localDeadline, secondsLeft, spokenCountdown } from './countdown';

const { t } = createI18n('en');

describe('countdown', () => {
  it('formats minutes and seconds', () => {
    expect(formatCountdown(300)).toBe('5:00');
    expect(formatCountdown(299)).toBe('4:59');
    expect(formatCountdown(61)).toBe('1:01');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(3600)).toBe('60:00');
  });

  it('rounds remaining time up and never below zero', () => {
    const deadline = localDeadline(1_000_000, 300);
    expect(secondsLeft(deadline, 1_000_000)).toBe(300);
    expect(secondsLeft(deadline, 1_000_001)).toBe(300);
    expect(secondsLeft(deadline, 1_000_999 + 299_000)).toBe(1);
    expect(secondsLeft(deadline, 1_300_000)).toBe(0);
    expect(secondsLeft(deadline, 2_000_000)).toBe(0);
  });

  it('speaks the time in words', () => {
    expect(spokenCountdown(299, t)).toBe('4 minutes 59 seconds');
    expect(spokenCountdown(60, t)).toBe('1 minute');
    expect(spokenCountdown(1, t)).toBe('1 second');
    expect(spokenCountdown(0, t)).toBe('0 seconds');
  });
});
