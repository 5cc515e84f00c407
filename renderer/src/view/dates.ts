import { formatFullDate, parseFullDate } from '../../../shared/claims/full-date';
import type { DateFormat } from '../preferences/preferences';

// Dates on every screen in the office's format (DESIGN §14, set in Settings): what is shown, and
// what a clerk types into a date field. Claims always carry ISO 8601 full-dates.

const ORDER: Record<DateFormat, { order: ('d' | 'm' | 'y')[]; separator: string }> = {
  'dd/mm/yyyy': { order: ['d', 'm', 'y'], separator: '/' },
  'dd.mm.yyyy': { order: ['d', 'm', 'y'], separator: '.' },
  'mm/dd/yyyy': { order: ['m', 'd', 'y'], separator: '/' },
  'yyyy-mm-dd': { order: ['y', 'm', 'd'], separator: '-' },
};

/** "1990-01-31" → "31/01/1990" (or as the office writes it); anything else is returned as it is. */
export function formatDateText(fullDate: string, format: DateFormat): string {
  const d = parseFullDate(fullDate);
  if (!d) return fullDate;
  const { order, separator } = ORDER[format];
  const part = { d: String(d.day).padStart(2, '0'), m: String(d.month).padStart(2, '0'), y: String(d.year).padStart(4, '0') };
  return order.map((p) => part[p]).join(separator);
}

/**
 * What a clerk typed → a full-date. Takes the office's order with any of / . - or space between
 * the parts, the same without separators (31011990), and ISO 8601 whatever the office's format.
 */
export function parseDateText(text: string, format: DateFormat): string | undefined {
  const t = text.trim();
  if (parseFullDate(t)) return t;
  const { order } = ORDER[format];
  let parts: string[] | undefined;
  const split = t.split(/[/.\-\s]+/);
  if (split.length === 3) parts = split;
  else if (/^\d{8}$/.test(t)) {
    const widths = order.map((p) => (p === 'y' ? 4 : 2));
    let at = 0;
    parts = widths.map((w) => t.slice(at, (at += w)));
  }
  if (!parts || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  const value = Object.fromEntries(order.map((p, i) => [p, Number(parts[i])])) as Record<'d' | 'm' | 'y', number>;
  if (String(parts[order.indexOf('y')]).length !== 4) return undefined;
  const candidate = formatFullDate({ year: value.y, month: value.m, day: value.d });
  return parseFullDate(candidate) ? candidate : undefined;
}

/** The format as a hint the clerk can read, in their language's letters (DD/MM/YYYY, TT.MM.JJJJ). */
export function formatHint(format: DateFormat, letters: { d: string; m: string; y: string }): string {
  const { order, separator } = ORDER[format];
  return order.map((p) => letters[p].repeat(p === 'y' ? 4 : 2)).join(separator);
}

/** A moment (an event's timestamp) as the office's date and the language's time of day. */
export function formatMoment(at: Date | string | number, format: DateFormat, locale: string): string {
  const date = new Date(at);
  const day = formatFullDate({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
  return `${formatDateText(day, format)} ${time}`;
}

export const formatTime = (at: Date | string | number, locale: string): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));

/** "Wednesday 31 January 1990": read back under a date field, so that a swapped day and month shows. */
export function spelledDate(fullDate: string, locale: string): string | undefined {
  const d = parseFullDate(fullDate);
  if (!d) return undefined;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(d.year, d.month - 1, d.day)),
  );
}
