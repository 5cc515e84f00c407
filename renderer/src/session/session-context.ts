import { createContext, useContext } from 'react';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { CounterSettings } from '../../../shared/api/z-counter-settings';
import type { WhoAmI } from '../../../shared/api/z-clerk';
import type { CounterApi } from '../../../shared/counter-api';

export interface Session {
  api: CounterApi;
  configurations: MdocConfiguration[];
  settings: CounterSettings;
  /** Who is signed in: a clerk (issuer role), or an API token (IT; admin or issuer). */
  who: WhoAmI;
  /** Browser mode only: forget the token and show the sign-in screen. */
  signOut?: () => void;
  /** A clerk's *Lock* (and the idle lock): the session ends, and the same clerk signs in again with their PIN. */
  lock?: (reason: 'idle' | 'clerk') => void;
  /** Turns a failed call into a message; a 401 signs the clerk out. */
  failed: (error: unknown, action: string) => string;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

/** The display name of a configuration: its branding name, else its docType. */
export const configurationName = (configuration: Pick<MdocConfiguration, 'type' | 'branding'>): string =>
  configuration.branding?.name ?? configuration.type;
