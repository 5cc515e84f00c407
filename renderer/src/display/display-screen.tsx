import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDisplay, DisplayState } from '../../../shared/api/z-display';
import { createDisplayClient, type DisplayWatchEvent } from '../../../shared/http/display-client';
import type { DisplayBridge } from '../../../shared/ipc/kiosk-channels';
import { useNow } from '../components/hooks';
import { QrCodeView } from '../components/qr-code-view';
import { formatCountdown, secondsLeft, spokenCountdown } from '../view/countdown';

const KEY = 'counter.display';

/** This page's display id and token, for this tab only (a reload keeps the pairing). */
function remembered(storage: Pick<Storage, 'getItem'>): Pick<CreatedDisplay, 'id' | 'token'> | undefined {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as { id?: unknown; token?: unknown } | null;
    return typeof value?.id === 'string' && typeof value.token === 'string' ? { id: value.id, token: value.token } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The customer-facing display (DESIGN §14): shows a pairing code until the clerk pairs it, then the
 * QR code, transaction code and countdown of the clerk's offer — never anything the clerk typed.
 * On the Electron kiosk's second screen (`bridge`) main pairs it and says what to show.
 */
export function DisplayScreen({ baseUrl, bridge }: { baseUrl: string; bridge?: DisplayBridge | undefined }) {
  const { t } = useTranslation();
  const [display, setDisplay] = useState<Pick<CreatedDisplay, 'id' | 'token'> | undefined>(() => remembered(sessionStorage));
  const [state, setState] = useState<DisplayState>();
  const [deadline, setDeadline] = useState(0);
  const [problem, setProblem] = useState<string>();
  const now = useNow(250);

  const show = (state: DisplayState) => {
    setProblem(undefined);
    setState(state);
    // Counted on this screen's clock from when the state arrived (see countdown.ts).
    setDeadline(Date.now() + (state.offer?.secondsLeft ?? 0) * 1000);
  };

  useEffect(() => {
    if (!bridge) return;
    return bridge.watch((event: DisplayWatchEvent) => {
      if (event.type === 'state') show(event.state);
      else if (event.type === 'error') setProblem(t('display.unavailable'));
    });
  }, [bridge, t]);

  useEffect(() => {
    if (display || bridge) return;
    createDisplayClient({ baseUrl })
      .create()
      .then(
        (created) => {
          sessionStorage.setItem(KEY, JSON.stringify({ id: created.id, token: created.token }));
          setDisplay(created);
        },
        () => setProblem(t('display.unavailable')),
      );
  }, [display, bridge, baseUrl, t]);

  useEffect(() => {
    if (!display || bridge) return;
    return createDisplayClient({ baseUrl }).watch(display, (event) => {
      if (event.type === 'state') show(event.state);
      else if (event.type === 'error') {
        // The engine forgot this display (it restarted, or the pairing was ended): start again.
        sessionStorage.removeItem(KEY);
        setState(undefined);
        setDisplay(undefined);
      }
    });
  }, [display, bridge, baseUrl]);

  const offer = state?.offer;
  const left = secondsLeft(deadline, now);
  let body;
  if (problem) body = <p className="display-message">{problem}</p>;
  else if (!state) body = <p className="display-message">{t('display.starting')}</p>;
  else if (!state.paired) {
    body = (
      <>
        <h1>{t('display.pairTitle')}</h1>
        <p className="display-message">{t('display.pairHint')}</p>
        <p className="display-pairing" data-testid="pairing-code" aria-label={state.pairingCode?.split('').join(' ')}>
          {state.pairingCode?.replace(/^(\d{3})(\d{3})$/, '$1 $2')}
        </p>
      </>
    );
  } else if (offer?.uri) {
    body = (
      <div className="display-offer">
        <QrCodeView text={offer.uri} label={t('display.qrLabel', { name: offer.credentialName })} />
        <div className="display-panel">
          <h1>{offer.credentialName}</h1>
          <p className="display-step">{t('display.scan')}</p>
          {offer.transactionCode && (
            <>
              <h2 id="display-code-label">{t('display.code')}</h2>
              <p
                className="tx-digits"
                aria-labelledby="display-code-label"
                aria-label={offer.transactionCode.split('').join(' ')}
                data-testid="display-code"
              >
                {offer.transactionCode.split('').map((digit, i) => (
                  <span key={i} className="tx-digit">
                    {digit}
                  </span>
                ))}
              </p>
            </>
          )}
          <p className="countdown">
            <span className="countdown-label">{t('display.expiresIn')}</span>{' '}
            <time className="countdown-time" aria-label={spokenCountdown(left, t)}>
              {formatCountdown(left)}
            </time>
          </p>
        </div>
      </div>
    );
  } else if (offer && (offer.status === 'claimed' || offer.status === 'accepted')) {
    body = <p className="display-message display-success">{t('display.done', { name: offer.credentialName })}</p>;
  } else if (offer && offer.status !== 'pending') {
    body = <p className="display-message">{t('display.ended')}</p>;
  } else body = <p className="display-message">{t('display.welcome')}</p>;

  return (
    <main
      className="display-screen"
      data-state={!state ? 'starting' : !state.paired ? 'unpaired' : offer?.uri ? 'offer' : (offer?.status ?? 'idle')}
    >
      <div role="status" aria-live="polite" className="display-live">
        {body}
      </div>
    </main>
  );
}
