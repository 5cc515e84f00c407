import { useCallback, useEffect, useMemo, useState } from 'react';
import { NavBar, type ScreenName } from './components/nav-bar';
import { useIdle } from './components/use-idle';
import { usePendingRequests } from './components/use-pending-requests';
import { usePreferences } from './preferences/preferences-context';
import { useSession } from './session/session-context';
import { SessionBar } from './components/session-bar';
import { DisplayLinkContext, displayLink } from './session/display-link';
import { ActivityScreen } from './screens/activity-screen';
import { CounterScreen } from './screens/counter-screen';
import { OfferScreen } from './screens/offer-screen';
import { OpenOffersScreen } from './screens/open-offers-screen';
import { IssuedScreen } from './screens/issued-screen';
import { PosterScreen, type Poster } from './screens/poster-screen';
import { RequestsScreen } from './screens/requests-screen';
import { SettingsScreen } from './screens/settings-screen';
import { useCounterFlow } from './screens/use-counter-flow';

/** The signed-in counter: the navigation always on top, the offer kept while the clerk looks elsewhere (DESIGN §14). */
export function Shell() {
  const { preferences } = usePreferences();
  const [screen, setScreen] = useState<ScreenName>('counter');
  const [poster, setPoster] = useState<Poster>();
  // The Electron kiosk's own customer display (a second screen, paired by main), else the browser
  // display this tab paired in Settings.
  const kiosk = window.counterKiosk;
  const [displayId, setDisplayIdState] = useState(() => (kiosk ? undefined : displayLink.read()));
  const setDisplayId = useCallback((id: string | undefined) => {
    displayLink.write(id);
    setDisplayIdState(id);
  }, []);
  useEffect(
    () =>
      kiosk?.watchCustomerDisplay((event) => {
        if (event.type === 'display') setDisplayIdState(event.displayId);
      }),
    [kiosk],
  );
  const link = useMemo(() => ({ displayId, setDisplayId }), [displayId, setDisplayId]);
  const flow = useCounterFlow(displayId);
  // Followed for the whole session: the nav shows how many holders wait, whatever the screen.
  const requests = usePendingRequests();
  const closePoster = useCallback(() => setPoster(undefined), []);
  const { done: forget, offer, customer } = flow;

  // No personal data left on screen: untouched for a while, the kept details, a half-typed form and
  // any ended offer go. A running offer stays (it shows no personal data; the holder may be scanning).
  const [fresh, setFresh] = useState(0);
  const idle = useCallback(() => {
    forget();
    setFresh((n) => n + 1);
  }, [forget]);
  useIdle(preferences.idleSeconds * 1000, flow.settled, idle);
  // A clerk's screen locks when left alone; never while an offer runs (the holder may be scanning).
  const { lock } = useSession();
  const lockIdle = useCallback(() => lock?.('idle'), [lock]);
  useIdle(preferences.lockSeconds * 1000, flow.settled && lock !== undefined, lockIdle);

  if (poster) return <PosterScreen key={poster.id} poster={poster} onClose={closePoster} />;
  return (
    <DisplayLinkContext.Provider value={link}>
      <NavBar
        current={screen}
        onSelect={setScreen}
        badges={{ requests: requests.list?.length }}
        offerRunning={offer !== undefined && !flow.settled}
      >
        <SessionBar />
      </NavBar>
      {screen === 'counter' &&
        (offer ? (
          <OfferScreen
            key={offer.id}
            offer={offer}
            onNewCode={flow.newCode}
            onEdit={flow.edit}
            onDone={forget}
            onSettled={flow.setSettled}
          />
        ) : (
          <CounterScreen key={fresh} customer={customer} onCreate={flow.create} onDone={forget} />
        ))}
      {screen === 'requests' && <RequestsScreen requests={requests} />}
      {screen === 'offers' && <OpenOffersScreen />}
      {screen === 'issued' && <IssuedScreen />}
      {screen === 'activity' && <ActivityScreen />}
      {screen === 'settings' && <SettingsScreen onShowPoster={setPoster} />}
    </DisplayLinkContext.Provider>
  );
}
