import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MdocConfiguration } from '../../shared/api/z-mdoc-configuration';
import type { CounterSettings } from '../../shared/api/z-counter-settings';
import { errorInfo, type CounterApi } from '../../shared/counter-api';
import type { CounterBridge } from '../../shared/ipc/channels';
import { createHttpCounterApi } from '../../shared/http/http-counter-api';
import { createIpcCounterApi } from './api/ipc-counter-api';
import { NavBar, type ScreenName } from './components/nav-bar';
import { usePendingRequests } from './components/use-pending-requests';
import { ActivityScreen } from './screens/activity-screen';
import { CounterScreen } from './screens/counter-screen';
import { OfferScreen, type ActiveOffer } from './screens/offer-screen';
import { OpenOffersScreen } from './screens/open-offers-screen';
import { PosterScreen, type Poster } from './screens/poster-screen';
import { RequestsScreen } from './screens/requests-screen';
import { SettingsScreen } from './screens/settings-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { SessionContext, type Session } from './session/session-context';
import type { TokenStore } from './session/token-store';
import { errorMessage } from './view/error-message';

interface Loaded {
  api: CounterApi;
  configurations: MdocConfiguration[];
  settings: CounterSettings;
}

type Phase =
  { kind: 'loading' } | { kind: 'signed-out'; message?: string } | { kind: 'failed'; message: string } | { kind: 'ready'; loaded: Loaded };

const REFUSED = 'The API token was refused (HTTP 401): it is wrong, or it was revoked. Sign in again.';

async function load(api: CounterApi): Promise<Loaded> {
  // Listing the configurations is also what proves a token (DESIGN §7: sign in once per session).
  const [configurations, settings] = await Promise.all([api.listConfigurations(), api.getSettings()]);
  return { api, configurations, settings };
}

interface Props {
  /** The Electron preload bridge; absent in a browser. */
  bridge: CounterBridge | undefined;
  tokens: TokenStore;
  /** The engine's origin in browser mode. */
  baseUrl: string;
}

export function App({ bridge, tokens, baseUrl }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const signOut = useCallback(
    (message?: string) => {
      tokens.clear();
      setPhase({ kind: 'signed-out', ...(message ? { message } : {}) });
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
        if (info.status === 401 && !bridge) signOut(REFUSED);
        else setPhase({ kind: 'failed', message: errorMessage(info, 'start the counter') });
      },
    );
  }, [bridge, tokens, baseUrl, signOut, attempt]);

  const signIn = useCallback(
    async (token: string) => {
      try {
        const loaded = await load(createHttpCounterApi({ baseUrl, token }));
        tokens.write(token);
        setPhase({ kind: 'ready', loaded });
      } catch (e) {
        const info = errorInfo(e);
        throw new Error(info.status === 401 ? 'That API token was not accepted. Check it and try again.' : errorMessage(info, 'sign in'), {
          cause: e,
        });
      }
    },
    [baseUrl, tokens],
  );

  const failed = useCallback(
    (error: unknown, action: string) => {
      const info = errorInfo(error);
      if (info.status === 401 && !bridge) signOut(REFUSED);
      return errorMessage(info, action);
    },
    [bridge, signOut],
  );

  const session = useMemo<Session | undefined>(
    () => (phase.kind === 'ready' ? { ...phase.loaded, failed, ...(bridge ? {} : { signOut: () => signOut() }) } : undefined),
    [phase, failed, bridge, signOut],
  );

  if (phase.kind === 'signed-out') return <SignInScreen onSignIn={signIn} {...(phase.message ? { message: phase.message } : {})} />;
  if (phase.kind === 'failed') {
    return (
      <main className="screen">
        <h1>Counter is not available</h1>
        <p className="banner banner-danger" role="alert">
          {phase.message}
        </p>
        <button type="button" className="button button-primary" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="screen" aria-busy="true">
        <p>Starting…</p>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Shell() {
  const [screen, setScreen] = useState<ScreenName>('counter');
  const [offer, setOffer] = useState<ActiveOffer>();
  const [poster, setPoster] = useState<Poster>();
  // Followed for the whole session: the nav shows how many holders wait, whatever the screen.
  const requests = usePendingRequests();
  // Dropping the offer drops the last trace of it (QR, code); the form was unmounted on creation.
  const done = useCallback(() => {
    setOffer(undefined);
    setScreen('counter');
  }, []);
  const closePoster = useCallback(() => setPoster(undefined), []);

  if (offer) return <OfferScreen key={offer.id} offer={offer} onDone={done} />;
  if (poster) return <PosterScreen key={poster.id} poster={poster} onClose={closePoster} />;
  return (
    <>
      <NavBar current={screen} onSelect={setScreen} badges={{ requests: requests.list?.length }} />
      {screen === 'counter' && <CounterScreen onOfferCreated={setOffer} />}
      {screen === 'requests' && <RequestsScreen requests={requests} />}
      {screen === 'offers' && <OpenOffersScreen />}
      {screen === 'activity' && <ActivityScreen />}
      {screen === 'settings' && <SettingsScreen onShowPoster={setPoster} />}
    </>
  );
}
