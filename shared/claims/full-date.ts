import type { ExpiresIn } from '../api/z-mdoc-configuration';

// Calendar dates as ISO 8601 full-date strings (RFC 3339 `full-date`, ISO 18013-5 tag 1004), the
// form in which claims carry them. Pure arithmetic on the calendar: no time zone is involved.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "1990-01-31" → {1990, 1, 31}; undefined for anything that is not a real date. */
export function parseFullDate(text: string): CalendarDate | undefined {
  const match = FULL_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export const formatFullDate = ({ year, month, day }: CalendarDate): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The calendar date of `at` where this process runs (the kiosk's, or the branch server's, local time). */
export const localFullDate = (at: Date): string => formatFullDate({ year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() });

/** Adds days (may be negative). */
export function addDays(date: string, days: number): string {
  const d = parseFullDate(date);
  if (!d) throw new Error(`not a full-date: ${date}`);
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return formatFullDate({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() });
}

/**
 * `date` plus a configuration's expiresIn: years and months by the calendar (31 Jan + 1 month is
 * the last day of February), then weeks, days and whole days of the smaller units.
 */
export function addExpiresIn(date: string, expiresIn: ExpiresIn): string {
  const d = parseFullDate(date);
  if (!d) throw new Error(`not a full-date: ${date}`);
  const months = d.month - 1 + (expiresIn.months ?? 0) + 12 * (expiresIn.years ?? 0);
  const year = d.year + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(d.day, daysInMonth(year, month));
  const seconds = (expiresIn.hours ?? 0) * 3600 + (expiresIn.minutes ?? 0) * 60 + (expiresIn.seconds ?? 0);
  const days = 7 * (expiresIn.weeks ?? 0) + (expiresIn.days ?? 0) + Math.floor(seconds / 86_400);
  return addDays(formatFullDate({ year, month, day }), days);
}

/** Whole years of age on `on` (someone born on 29 February turns a year older on 1 March). */
export function ageOn(birth: string, on: string): number | undefined {
  const b = parseFullDate(birth);
  const d = parseFullDate(on);
  if (!b || !d) return undefined;
  const hadBirthday = d.month > b.month || (d.month === b.month && d.day >= b.day);
  return d.year - b.year - (hadBirthday ? 0 : 1);
}

/** Full-dates compare as strings. */
export const compareFullDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
