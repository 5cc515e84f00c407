import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/i18n';
import { defaultPreferences } from '../preferences/preferences';
import type { DisplayBridge } from '../../../shared/ipc/kiosk-channels';
import { DisplayScreen } from './display-screen';

/** The customer display speaks the language of the browser it runs in (the holder's side of the counter). */
export function DisplayRoot({
  baseUrl,
  languages,
  bridge,
}: {
  baseUrl: string;
  languages: readonly string[];
  bridge?: DisplayBridge | undefined;
}) {
  const [i18n] = useState(() => createI18n(defaultPreferences(languages).language));
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t('display.title');
  }, [i18n]);
  return (
    <I18nextProvider i18n={i18n}>
      <DisplayScreen baseUrl={baseUrl} bridge={bridge} />
    </I18nextProvider>
  );
}
