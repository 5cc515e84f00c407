import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OfferSummary } from '../../../shared/api/z-pre-authorized-offer';
import { CounterApiError } from '../../../shared/counter-api';
import { ConfirmAction } from '../components/confirm-action';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount, useNow } from '../components/hooks';
import { QrCodeView } from '../components/qr-code-view';
import { useSession } from '../session/session-context';
import { COUNTDOWN_WARNING_SECONDS, formatCountdown, secondsLeft, spokenCountdown } from '../view/countdown';
import { phaseView, progressSteps, returnDelayMs, stepIndex } from '../view/offer-status';
import { CREATE_MARK } from './counter-screen';

/** An offer on screen. Holds no personal data: only what the holder needs to scan and type. */
export interface ActiveOffer {
  id: string;
  uri: string;
  transactionCode?: string;
  /** When it expires by this screen's clock (see countdown.ts). */
  deadlineMs: number;
  credentialName: string;
}

export const QR_DRAWN_MARK = 'counter:qr-drawn';
export const CREATE_TO_QR_MEASURE = 'counter:create-to-qr';

/** The QR code, transaction code, countdown and live status of one offer (DESIGN §7.2). */
export function OfferScreen({ offer, onDone }: { offer: ActiveOffer; onDone: () => void }) {
  const { api, failed } = useSession();
  const [summary, setSummary] = useState<OfferSummary>();
  const [connected, setConnected] = useState(true);
  const [error, setError] = useState<string>();
  const now = useNow(250);
  const view = phaseView(summary);
  const left = secondsLeft(offer.deadlineMs, now);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(
    () =>
      api.watchOffer(offer.id, (event) => {
        if (event.type === 'status') setSummary(event.offer);
        else if (event.type === 'connection') setConnected(event.connected);
        else setError(failed(new CounterApiError(event.error), 'follow the offer'));
      }),
    [api, offer.id, failed],
  );

  // The engine decides expiry; if its word is late (a dropped stream), ask once the time is up.
  const expiredLocally = left === 0 && view.showCode;
  useEffect(() => {
    if (!expiredLocally) return;
    const timer = setInterval(() => {
      api.getOffer(offer.id).then(setSummary, () => undefined);
    }, 2_000);
    return () => clearInterval(timer);
  }, [api, offer.id, expiredLocally]);

  // Back to the counter a little after the end; the timer restarts if the phase moves on.
  const delay = returnDelayMs(view);
  const [returning, setReturning] = useState<{ phase: string; at: number }>();
  useEffect(() => {
    if (delay === undefined) return;
    setReturning({ phase: view.phase, at: Date.now() + delay });
    const timer = setTimeout(onDone, delay);
    return () => clearTimeout(timer);
  }, [delay, view.phase, onDone]);
  const returnIn = returning?.phase === view.phase ? Math.max(0, Math.ceil((returning.at - now) / 1_000)) : undefined;

  return (
    <main className={`offer-screen tone-${view.tone}`}>
      <section className="offer-code" aria-label="Scan with your wallet">
        {view.showCode ? (
          <QrWithTiming uri={offer.uri} />
        ) : (
          <div className={`offer-outcome tone-${view.tone}`} aria-hidden="true">
            {view.success ? '✓' : view.done ? '✕' : '…'}
          </div>
        )}
      </section>
      <section className="offer-panel">
        <h1 ref={heading} tabIndex={-1}>
          {offer.credentialName}
        </h1>
        {view.showCode && offer.transactionCode && (
          <div className="tx-code">
            <h2 id="tx-code-label">Transaction code</h2>
            <p
              className="tx-digits"
              aria-labelledby="tx-code-label"
              aria-label={offer.transactionCode.split('').join(' ')}
              data-testid="transaction-code"
            >
              {offer.transactionCode.split('').map((digit, i) => (
                <span key={i} className="tx-digit">
                  {digit}
                </span>
              ))}
            </p>
          </div>
        )}
        {view.showCode && (
          <p className={`countdown${left <= COUNTDOWN_WARNING_SECONDS ? ' countdown-warning' : ''}`}>
            <span className="countdown-label">Expires in</span>{' '}
            <time className="countdown-time" aria-label={spokenCountdown(left)} data-testid="countdown">
              {formatCountdown(left)}
            </time>
          </p>
        )}
        <div className={`status tone-${view.tone}`} role="status" aria-live="polite" data-testid="offer-status" data-phase={view.phase}>
          <p className="status-label">{view.label}</p>
          <p className="status-detail">{view.detail}</p>
        </div>
        <ol className="steps" aria-label="Progress">
          {progressSteps.map((step, i) => {
            const at = stepIndex(view.phase);
            const state = at === -1 ? 'off' : i < at ? 'done' : i === at ? 'current' : 'todo';
            return (
              <li key={step.phase} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                {step.label}
              </li>
            );
          })}
        </ol>
        {!connected && !view.done && <p className="banner">Reconnecting to the engine… the status may lag.</p>}
        <ErrorBanner message={error} />
        <div className="offer-actions">
          {!view.done && view.phase !== 'claimed' && (
            <ConfirmAction
              label="Cancel offer"
              question="Cancel this offer? The QR code and transaction code will stop working."
              confirmLabel="Yes, cancel offer"
              keepLabel="No, keep it"
              busyLabel="Cancelling…"
              onConfirm={async () => {
                try {
                  await api.cancelOffer(offer.id);
                  setSummary(await api.getOffer(offer.id));
                } catch (e) {
                  setError(failed(e, 'cancel the offer'));
                }
              }}
            />
          )}
          {delay !== undefined && (
            <>
              {returnIn !== undefined && <p className="return-note">Back to the counter in {returnIn} s.</p>}
              <button type="button" className="button button-primary" onClick={onDone}>
                Next customer
              </button>
            </>
          )}
        </div>
      </section>
    </main>
  );
}

/** Draws the QR and records how long it took from *Create offer* (DESIGN §7: target ≤ 150 ms). */
function QrWithTiming({ uri }: { uri: string }) {
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (marked.current) return;
    marked.current = true;
    // After the next paint: the frame that shows the code.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(QR_DRAWN_MARK);
        if (performance.getEntriesByName(CREATE_MARK, 'mark').length > 0)
          performance.measure(CREATE_TO_QR_MEASURE, CREATE_MARK, QR_DRAWN_MARK);
      }, 0),
    );
  }, []);
  return <QrCodeView text={uri} label="QR code of the credential offer" />;
}
