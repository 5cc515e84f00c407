import { z } from 'zod';

// This kiosk's own choices (DESIGN §14), kept in the browser profile of the machine at the counter:
// its language, how the office writes dates, whether the last credential type is preselected, and
// how long personal data may stay on screen untouched. Never personal data itself.

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How the office writes a date. */
export const DATE_FORMATS = ['dd/mm/yyyy', 'dd.mm.yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const IDLE_CHOICES_SECONDS = [60, 120, 180, 300, 600] as const;

const zPreferences = z.object({
  language: z.enum(LANGUAGES),
  dateFormat: z.enum(DATE_FORMATS),
  rememberType: z.boolean(),
  lastTypeId: z.string().max(128).optional(),
  /** Details typed for a holder are forgotten after this long without a touch or a key (no offer running). */
  idleSeconds: z.number().int().min(1).max(3600),
  /** A clerk's screen locks after this long without a touch or a key (no offer running). */
  lockSeconds: z.number().int().min(1).max(3600),
});
export type Preferences = z.infer<typeof zPreferences>;

const KEY = 'counter.preferences';

/** The locale's own way of writing a date (en-NZ: dd/mm/yyyy, de: dd.mm.yyyy, en-US: mm/dd/yyyy, sv: yyyy-mm-dd). */
export function dateFormatOf(locale: string): DateFormat {
  const written = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(2001, 1, 3))
    .map((p) => (p.type === 'day' ? 'dd' : p.type === 'month' ? 'mm' : p.type === 'year' ? 'yyyy' : p.value))
    .join('');
  return (DATE_FORMATS as readonly string[]).includes(written) ? (written as DateFormat) : 'dd/mm/yyyy';
}

export function defaultPreferences(browserLanguages: readonly string[]): Preferences {
  const language = browserLanguages.map((l) => l.slice(0, 2).toLowerCase()).find((l): l is Language => LANGUAGES.includes(l as Language));
  return {
    language: language ?? 'en',
    dateFormat: dateFormatOf(browserLanguages[0] ?? 'en-NZ'),
    rememberType: true,
    idleSeconds: 180,
    lockSeconds: 300,
  };
}

export interface PreferenceStore {
  read(): Preferences;
  write(preferences: Preferences): void;
}

/** localStorage, read through the schema: a damaged entry falls back to the defaults. */
export function localPreferenceStore(storage: Pick<Storage, 'getItem' | 'setItem'>, browserLanguages: readonly string[]): PreferenceStore {
  const defaults = defaultPreferences(browserLanguages);
  return {
    read() {
      try {
        const parsed = zPreferences.partial().safeParse(JSON.parse(storage.getItem(KEY) ?? '{}'));
        return parsed.success ? { ...defaults, ...parsed.data } : defaults;
      } catch {
        return defaults;
      }
    },
    write(preferences) {
      storage.setItem(KEY, JSON.stringify(zPreferences.parse(preferences)));
    },
  };
}
