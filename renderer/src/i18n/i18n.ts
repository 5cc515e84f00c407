import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../preferences/preferences';
import { de } from './locales/de';
import { en } from './locales/en';

// i18next (with react-i18next) for the counter UI, as for the holder pages in the engine: the same
// library under plain Node and in the browser, catalogs as plain objects checked by TypeScript
// (locales/de.ts must have every key of en.ts), plurals from Intl.PluralRules, no build step.

export const resources = { en: { translation: en }, de: { translation: de } } as const;

/** Which locale Intl formats with, per UI language (the office's date format is set apart). */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-NZ', de: 'de-DE' };

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
