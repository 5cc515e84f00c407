import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdocConfiguration } from '../../shared/api/z-mdoc-configuration';
import type { WhoAmI } from '../../shared/api/z-clerk';
import type { CounterSettings } from '../../shared/api/z-counter-settings';
import { errorInfo, type CounterApi } from '../../shared/counter-api';
import type { CounterBridge } from '../../shared/ipc/channels';
import type { KioskBridge } from '../../shared/ipc/kiosk-channels';
import { createHttpCounterApi, signInClerk } from '../../shared/http/http-counter-api';
import { trackReachability, type TrackedApi } from '../../shared/http/reachability';
import { createIpcCounterApi, createIpcKioskApi } from './api/ipc-counter-api';
import { OfflineBanner } from './components/offline-banner';
import { SignInScreen } from './screens/sign-in-screen';
import { Shell } from './shell';
import { SessionContext, type Session } from './session/session-context';
import type { TokenStore } from './session/token-store';
import { errorMessage } from './view/error-message';

interface Loaded {
  api: CounterApi;
  configurations: MdocConfiguration[];
  settings: CounterSettings;
  who: WhoAmI;
  tracked: TrackedApi;
}

interface SignedOut {
  kind: 'signed-out';
  message?: string;
  /** After a lock: the clerk who signs in again. */
  clerkName?: string;
  /** The Electron kiosk working as itself: the sign-in screen may go back to that. */
  cancellable?: boolean;
}

type Phase = { kind: 'loading' } | SignedOut | { kind: 'failed'; message: string } | { kind: 'ready'; loaded: Loaded };

async function load(engine: CounterApi): Promise<Loaded> {
  // Every call of the session tells whether the engine answers (the offline banner, DESIGN §13).
  const tracked = trackReachability(engine);
  const { api } = tracked;
  try {
    // Listing the configurations is also what proves a token (DESIGN §7: sign in once per session).
    const [configurations, settings, who] = await Promise.all([api.listConfigurations(), api.getSettings(), api.whoAmI()]);
    return { api, configurations, settings, who, tracked };
  } catch (error) {
    tracked.stop();
    throw error;
  }
}

interface Props {
  /** The Electron preload bridge; absent in a browser. */
  bridge: CounterBridge | undefined;
  /** The Electron kiosk's own bridge (sign-in at the kiosk); absent in a browser. */
  kiosk?: KioskBridge | undefined;
  tokens: TokenStore;
  /** The engine's origin in browser mode. */
  baseUrl: string;
}

export function App({ bridge, kiosk, tokens, baseUrl }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // In the Electron kiosk the engine is called through main, which keeps who signed in (DESIGN §8).
  const ipc = useMemo(() => (bridge ? createIpcCounterApi(bridge) : undefined), [bridge]);
  const kioskApi = useMemo(() => (bridge && kiosk ? createIpcKioskApi(kiosk) : undefined), [bridge, kiosk]);

  const signOut = useCallback(
    (message?: string, clerkName?: string) => {
      tokens.clear();
      setPhase({ kind: 'signed-out', ...(message ? { message } : {}), ...(clerkName ? { clerkName } : {}) });
    },
    [tokens],
  );

  useEffect(() => {
    const token = tokens.read();
    const api = ipc ?? (token ? createHttpCounterApi({ baseUrl, token }) : undefined);
    if (!api) {
      setPhase({ kind: 'signed-out' });
      return;
    }
    setPhase({ kind: 'loading' });
    load(api).then(
      (loaded) => setPhase({ kind: 'ready', loaded }),
      (e: unknown) => {
        const info = errorInfo(e);
        // The kiosk with clerk accounts asks who is at the counter (its engine refuses the kiosk itself).
        if (info.status === 401 && ipc) setPhase({ kind: 'signed-out' });
        else if (info.status === 401) signOut(t('app.tokenRefused'));
        else setPhase({ kind: 'failed', message: errorMessage(info, t('actions.start'), t) });
      },
    );
    // `t` is left out on purpose: a change of language is no reason to load again.
  }, [ipc, tokens, baseUrl, signOut, attempt]);

  const signIn = useCallback(
    async (token: string) => {
      try {
        if (ipc && kioskApi) {
          await kioskApi.signInWithToken(token);
          setPhase({ kind: 'ready', loaded: await load(ipc) });
          return;
        }
        const loaded = await load(createHttpCounterApi({ baseUrl, token }));
        tokens.write(token);
        setPhase({ kind: 'ready', loaded });
      } catch (e) {
        const info = errorInfo(e);
        throw new Error(info.status === 401 ? t('app.tokenNotAccepted') : errorMessage(info, t('actions.signIn'), t), { cause: e });
      }
    },
    [ipc, kioskApi, baseUrl, tokens, t],
  );

  const clerkSignIn = useCallback(
    async (name: string, pin: string) => {
      let token: string | undefined;
      try {
        // In the kiosk the session stays in main; the page never holds its token.
        if (kioskApi) await kioskApi.signInClerk(name, pin);
        else token = (await signInClerk({ baseUrl }, name, pin)).token;
      } catch (e) {
        const info = errorInfo(e);
        // 401 never says whether the name or the PIN was wrong; 429 says how long to wait.
        throw new Error(
          info.status === 401 ? t('signIn.refused') : info.status === 429 ? info.message : errorMessage(info, t('actions.signIn'), t),
          {
            cause: e,
          },
        );
      }
      if (token) await signIn(token);
      else if (ipc) setPhase({ kind: 'ready', loaded: await load(ipc) });
    },
    [ipc, kioskApi, baseUrl, signIn, t],
  );

  const failed = useCallback(
    (error: unknown, action: string) => {
      const info = errorInfo(error);
      if (info.status === 401) signOut(t('app.tokenRefused'));
      return errorMessage(info, action, t);
    },
    [signOut, t],
  );

  // A session's reachability probe ends with the session.
  useEffect(() => (phase.kind === 'ready' ? () => phase.loaded.tracked.stop() : undefined), [phase]);

  const session = useMemo<Session | undefined>(() => {
    if (phase.kind !== 'ready') return undefined;
    const { api, who, tracked: _tracked, ...rest } = phase.loaded;
    // A clerk's session ends on the engine too: the token in this tab (or in the kiosk's main) is worth nothing afterwards.
    const end = async () => {
      if (who.kind !== 'kiosk' && (who.kind === 'clerk' || ipc)) await api.signOut().catch(() => undefined);
    };
    const lock =
      who.kind === 'clerk'
        ? (reason: 'idle' | 'clerk') =>
            void end().then(() => signOut(reason === 'idle' ? t('signIn.lockedIdle') : t('signIn.locked'), who.name))
        : undefined;
    // The kiosk working as itself signs nobody out: the sign-in screen opens, and can go back.
    const kioskSignOut =
      who.kind === 'kiosk'
        ? () => setPhase({ kind: 'signed-out', cancellable: true })
        : () => void end().then(() => setAttempt((n) => n + 1));
    return {
      ...rest,
      api,
      who,
      failed,
      ...(ipc && !kioskApi ? {} : { signOut: ipc ? kioskSignOut : () => void end().then(() => signOut()) }),
      ...(lock ? { lock } : {}),
    };
  }, [phase, failed, ipc, kioskApi, signOut, t]);

  if (phase.kind === 'signed-out') {
    return (
      <SignInScreen
        onSignIn={signIn}
        onClerkSignIn={clerkSignIn}
        {...(phase.cancellable ? { onCancel: () => setAttempt((n) => n + 1) } : {})}
        {...(phase.message ? { message: phase.message } : {})}
        {...(phase.clerkName ? { clerkName: phase.clerkName } : {})}
      />
    );
  }
  if (phase.kind === 'failed') {
    return (
      <main className="screen">
        <h1>{t('app.unavailable')}</h1>
        <p className="banner banner-danger" role="alert">
          {phase.message}
        </p>
        <button type="button" className="button button-primary" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.tryAgain')}
        </button>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="screen" aria-busy="true">
        <p>{t('app.starting')}</p>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      {phase.kind === 'ready' && <OfflineBanner tracked={phase.loaded.tracked} />}
      <Shell />
    </SessionContext.Provider>
  );
}
