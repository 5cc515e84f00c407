import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { CounterBridge } from '../../shared/ipc/channels';
import type { KioskBridge } from '../../shared/ipc/kiosk-channels';
import { App } from './app';
import { createI18n } from './i18n/i18n';
import type { Preferences, PreferenceStore } from './preferences/preferences';
import { PreferencesContext } from './preferences/preferences-context';
import type { TokenStore } from './session/token-store';

interface Props {
  bridge: CounterBridge | undefined;
  kiosk?: KioskBridge | undefined;
  tokens: TokenStore;
  baseUrl: string;
  preferenceStore: PreferenceStore;
}

/** This kiosk's preferences and language around the app. */
export function Root({ bridge, kiosk, tokens, baseUrl, preferenceStore }: Props) {
  const [preferences, setPreferences] = useState<Preferences>(() => preferenceStore.read());
  // One instance for the page's life; a change of language goes through changeLanguage below.
  const [i18n] = useState(() => createI18n(preferences.language));
  const update = useCallback(
    (change: Partial<Preferences>) =>
      setPreferences((current) => {
        const next = { ...current, ...change };
        preferenceStore.write(next);
        return next;
      }),
    [preferenceStore],
  );
  useEffect(() => {
    if (i18n.language !== preferences.language) void i18n.changeLanguage(preferences.language);
    document.documentElement.lang = preferences.language;
  }, [i18n, preferences.language]);
  const value = useMemo(() => ({ preferences, update }), [preferences, update]);

  return (
    <I18nextProvider i18n={i18n}>
      <PreferencesContext.Provider value={value}>
        <App bridge={bridge} kiosk={kiosk} tokens={tokens} baseUrl={baseUrl} />
      </PreferencesContext.Provider>
    </I18nextProvider>
  );
}
