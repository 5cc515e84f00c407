import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdocConfiguration } from '../../shared/api/z-mdoc-configuration';
import type { WhoAmI } from '../../shared/api/z-clerk';
import type { CounterSettings } from '../../shared/api/z-counter-settings';
import { errorInfo, type CounterApi } from '../../shared/counter-api';
import type { CounterBridge } from '../../shared/ipc/channels';
import { createHttpCounterApi, signInClerk } from '../../shared/http/http-counter-api';
import { trackReachability, type TrackedApi } from '../../shared/http/reachability';
import { createIpcCounterApi } from './api/ipc-counter-api';
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
  tokens: TokenStore;
  /** The engine's origin in browser mode. */
  baseUrl: string;
}

export function App({ bridge, tokens, baseUrl }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const signOut = useCallback(
    (message?: string, clerkName?: string) => {
      tokens.clear();
      setPhase({ kind: 'signed-out', ...(message ? { message } : {}), ...(clerkName ? { clerkName } : {}) });
    },
    [tokens],
  );

  useEffect(() => {
    const token = tokens.read();
    const api = bridge ? createIpcCounterApi(bridge) : token ? createHttpCounterApi({ baseUrl, token }) : undefined;
    if (!api) {
      setPhase({ kind: 'signed-out' });
      return;
    }
    setPhase({ kind: 'loading' });
    load(api).then(
      (loaded) => setPhase({ kind: 'ready', loaded }),
      (e: unknown) => {
        const info = errorInfo(e);
        if (info.status === 401 && !bridge) signOut(t('app.tokenRefused'));
        else setPhase({ kind: 'failed', message: errorMessage(info, t('actions.start'), t) });
      },
    );
    // `t` is left out on purpose: a change of language is no reason to load again.
  }, [bridge, tokens, baseUrl, signOut, attempt]);

  const signIn = useCallback(
    async (token: string) => {
      try {
        const loaded = await load(createHttpCounterApi({ baseUrl, token }));
        tokens.write(token);
        setPhase({ kind: 'ready', loaded });
      } catch (e) {
        const info = errorInfo(e);
        throw new Error(info.status === 401 ? t('app.tokenNotAccepted') : errorMessage(info, t('actions.signIn'), t), { cause: e });
      }
    },
    [baseUrl, tokens, t],
  );

  const clerkSignIn = useCallback(
    async (name: string, pin: string) => {
      let token: string;
      try {
        token = (await signInClerk({ baseUrl }, name, pin)).token;
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
      await signIn(token);
    },
    [baseUrl, signIn, t],
  );

  const failed = useCallback(
    (error: unknown, action: string) => {
      const info = errorInfo(error);
      if (info.status === 401 && !bridge) signOut(t('app.tokenRefused'));
      return errorMessage(info, action, t);
    },
    [bridge, signOut, t],
  );

  // A session's reachability probe ends with the session.
  useEffect(() => (phase.kind === 'ready' ? () => phase.loaded.tracked.stop() : undefined), [phase]);

  const session = useMemo<Session | undefined>(() => {
    if (phase.kind !== 'ready') return undefined;
    const { api, who, tracked: _tracked, ...rest } = phase.loaded;
    // A clerk's session ends on the engine too: the token in this tab is worth nothing afterwards.
    const end = async () => {
      if (who.kind === 'clerk') await api.signOut().catch(() => undefined);
    };
    return {
      ...rest,
      api,
      who,
      failed,
      ...(bridge
        ? {}
        : {
            signOut: () => void end().then(() => signOut()),
            ...(who.kind === 'clerk'
              ? {
                  lock: (reason: 'idle' | 'clerk') =>
                    void end().then(() => signOut(reason === 'idle' ? t('signIn.lockedIdle') : t('signIn.locked'), who.name)),
                }
              : {}),
          }),
    };
  }, [phase, failed, bridge, signOut, t]);

  if (phase.kind === 'signed-out') {
    return (
      <SignInScreen
        onSignIn={signIn}
        onClerkSignIn={clerkSignIn}
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
