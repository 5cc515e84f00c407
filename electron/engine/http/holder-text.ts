// Every word the holder's phone shows (DESIGN §8, §14), in one place so that the holder pages can be
// translated (by Accept-Language) without touching their markup or script.
export const holderText = {
  lang: 'en',
  waitTitle: (code: string) => `Show code ${code} at the counter`,
  waitHeading: 'Show this code at the counter',
  waitBody: 'The clerk will check your documents and approve your request. This page updates by itself.',
  expiresIn: (minutes: number) => `The request expires in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  /** Without script the page cannot follow the clerk by itself. */
  checkAgain: 'Check again',
  problemTitle: 'Request not accepted',
  problemHeading: 'This request cannot continue',
  startAgain: 'Start again from your wallet app.',
  unknownRequest: 'This request is unknown or has ended.',
};

export type HolderText = typeof holderText;
