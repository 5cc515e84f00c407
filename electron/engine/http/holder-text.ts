import type { Context } from 'hono';
import { detectFromHeader } from 'hono/language';

// Every word the holder's phone shows (DESIGN §8, §14), in one place per language; the holder
// pages and their live stream pick the language from the phone's Accept-Language (RFC 9110
// §12.5.4, matched by prefix as RFC 4647 lookup does: `de-AT` gets German), English otherwise.

/** What a refusal shown to the holder is about: the page says it in the holder's words. */
export type HolderProblem = 'badRequest' | 'tooMany' | 'busy' | 'unknownRequest';

const en = {
  lang: 'en',
  waitTitle: (code: string) => `Show code ${code} at the counter`,
  waitHeading: 'Show this code at the counter',
  waitBody: 'The clerk will check your documents and approve your request. This page updates by itself.',
  expiresIn: (minutes: number) => `The request expires in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  /** Without script the page cannot follow the clerk by itself. */
  checkAgain: 'Check again',
  problemTitle: 'Request not accepted',
  problemHeading: 'This request cannot continue',
  problems: {
    badRequest: 'Your wallet app sent a request this counter cannot accept.',
    tooMany: 'Too many requests from this network. Try again in a minute.',
    busy: 'The counter is busy. Try again in a minute.',
    unknownRequest: 'This request is unknown or has ended.',
  } satisfies Record<HolderProblem, string>,
  /** Before the wallet's own words (English, for whoever supports the wallet app). */
  technicalDetail: 'Technical detail',
  startAgain: 'Start again from your wallet app.',
};

export type HolderText = typeof en;

const de: HolderText = {
  lang: 'de',
  waitTitle: (code) => `Zeigen Sie den Code ${code} am Schalter`,
  waitHeading: 'Zeigen Sie diesen Code am Schalter',
  waitBody: 'Am Schalter werden Ihre Dokumente geprüft und Ihre Anfrage freigegeben. Diese Seite aktualisiert sich von selbst.',
  expiresIn: (minutes) => `Die Anfrage läuft in etwa ${minutes} Minute${minutes === 1 ? '' : 'n'} ab.`,
  checkAgain: 'Erneut prüfen',
  problemTitle: 'Anfrage nicht angenommen',
  problemHeading: 'Diese Anfrage kann nicht fortgesetzt werden',
  problems: {
    badRequest: 'Ihre Wallet-App hat eine Anfrage gesendet, die dieser Schalter nicht annehmen kann.',
    tooMany: 'Zu viele Anfragen aus diesem Netz. Versuchen Sie es in einer Minute erneut.',
    busy: 'Der Schalter ist ausgelastet. Versuchen Sie es in einer Minute erneut.',
    unknownRequest: 'Diese Anfrage ist unbekannt oder bereits beendet.',
  },
  technicalDetail: 'Technische Angabe',
  startAgain: 'Beginnen Sie erneut in Ihrer Wallet-App.',
};

export const holderTexts = { en, de } as const;
export type HolderLanguage = keyof typeof holderTexts;
const languages = Object.keys(holderTexts) as HolderLanguage[];

/** The holder's language from the request's Accept-Language (hono/language), English when none fits. */
export function holderTextFor(c: Context): HolderText {
  const language = detectFromHeader(c, {
    order: ['header'],
    lookupQueryString: 'lang',
    lookupCookie: 'language',
    lookupFromPathIndex: 0,
    lookupFromHeaderKey: 'accept-language',
    caches: false,
    ignoreCase: true,
    fallbackLanguage: 'en',
    supportedLanguages: languages,
  }) as HolderLanguage | undefined;
  return holderTexts[language ?? 'en'];
}
