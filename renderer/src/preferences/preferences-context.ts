import { createContext, useContext } from 'react';
import type { Preferences } from './preferences';

export interface PreferencesValue {
  preferences: Preferences;
  update: (change: Partial<Preferences>) => void;
}

export const PreferencesContext = createContext<PreferencesValue | undefined>(undefined);

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesContext');
  return value;
}
