import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferSummary } from '../../../shared/api/z-pre-authorized-offer';
import { CounterApiError } from '../../../shared/counter-api';
import { ConfirmAction } from '../components/confirm-action';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount, useNow } from '../components/hooks';
import { QrCodeView } from '../components/qr-code-view';
import { useSession } from '../session/session-context';
import { offerReference } from '../view/activity';
import { COUNTDOWN_WARNING_SECONDS, formatCountdown, secondsLeft, spokenCountdown } from '../view/countdown';
import { endedWithoutIssuing, phaseView, progressSteps, returnDelayMs, stepIndex } from '../view/offer-status';

/** An offer on screen. Holds no personal data: only what the holder needs to scan and type. */
export interface ActiveOffer {
  id: string;
  uri: string;
  transactionCode?: string;
  /** When it expires by this screen's clock (see countdown.ts). */
  deadlineMs: number;
  /** The engine's expiresAt when it was created (a *+5 min* moves both by the same amount). */
  expiresAt: string;
  credentialName: string;
}

interface Props {
  offer: ActiveOffer;
  /** *New code, same details*: a new offer from the kept details; resolves with a message when it failed. */
  onNewCode: () => Promise<string | undefined>;
  /** *Edit details*: back to the form, filled in with the kept details. */
  onEdit: () => void;
  /** *Done*: forget the offer and the details. */
  onDone: () => void;
  /** Whether nothing more can happen to this offer (the idle timeout may then clear the screen). */
  onSettled: (settled: boolean) => void;
}

/** The QR code, transaction code, countdown and live status of one offer (DESIGN §7.2, §14). */
export function OfferScreen({ offer, onNewCode, onEdit, onDone, onSettled }: Props) {
  const { t } = useTranslation();
  const { api, failed, settings } = useSession();
  const [summary, setSummary] = useState<OfferSummary>();
  const [connected, setConnected] = useState(true);
  const [error, setError] = useState<string>();
  const [renewing, setRenewing] = useState(false);
  const [extended, setExtended] = useState<Pick<OfferSummary, 'expiresAt' | 'createdAt'>>();
  const [extending, setExtending] = useState(false);
  const now = useNow(250);
  const view = phaseView(summary);
  const latest = extended && (!summary || Date.parse(extended.expiresAt) > Date.parse(summary.expiresAt)) ? extended : summary;
  // The countdown moves by what the engine added, on this screen's clock (see countdown.ts).
  const deadline = offer.deadlineMs + (latest ? Math.max(0, Date.parse(latest.expiresAt) - Date.parse(offer.expiresAt)) : 0);
  const left = secondsLeft(deadline, now);
  const atMaximum = latest !== undefined && Date.parse(latest.expiresAt) - Date.parse(latest.createdAt) >= settings.maxOfferSeconds * 1000;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const reissue = useRef<HTMLButtonElement>(null);
  const reference = offerReference(offer.id);

  useEffect(
    () =>
      api.watchOffer(offer.id, (event) => {
        if (event.type === 'status') setSummary(event.offer);
        else if (event.type === 'connection') setConnected(event.connected);
        else setError(failed(new CounterApiError(event.error), t('actions.followOffer')));
      }),
    [api, offer.id, failed, t],
  );

  useEffect(() => onSettled(view.done), [view.done, onSettled]);

  // The engine decides expiry; if its word is late (a dropped stream), ask once the time is up.
  const expiredLocally = left === 0 && view.showCode;
  useEffect(() => {
    if (!expiredLocally) return;
    const timer = setInterval(() => {
      api.getOffer(offer.id).then(setSummary, () => undefined);
    }, 2_000);
    return () => clearInterval(timer);
  }, [api, offer.id, expiredLocally]);

  // After an ending without a credential, the likely next step has the focus (one key re-issues).
  const failedEnding = endedWithoutIssuing(view);
  useEffect(() => {
    if (failedEnding) reissue.current?.focus();
  }, [failedEnding]);

  // Back to the counter a little after a success; the timer restarts if the phase moves on.
  const delay = returnDelayMs(view);
  const [returning, setReturning] = useState<{ phase: string; at: number }>();
  useEffect(() => {
    if (delay === undefined) return;
    setReturning({ phase: view.phase, at: Date.now() + delay });
    const timer = setTimeout(onDone, delay);
    return () => clearTimeout(timer);
  }, [delay, view.phase, onDone]);
  const returnIn = returning?.phase === view.phase ? Math.max(0, Math.ceil((returning.at - now) / 1_000)) : undefined;

  async function extend(): Promise<void> {
    setExtending(true);
    setError(undefined);
    try {
      setExtended(await api.extendOffer(offer.id));
    } catch (e) {
      setError(failed(e, t('actions.extendOffer')));
    } finally {
      setExtending(false);
    }
  }

  async function newCode(): Promise<void> {
    setRenewing(true);
    setError(undefined);
    const failure = await onNewCode();
    if (failure) {
      setError(failure);
      setRenewing(false);
    }
  }

  return (
    <main className={`offer-screen tone-${view.tone}`} data-offer-reference={reference}>
      <section className="offer-code" aria-label={t('offer.scanWithWallet')}>
        {view.showCode ? (
          <QrCodeView text={offer.uri} label={t('offer.qrLabel')} />
        ) : (
          <div className={`offer-outcome tone-${view.tone}`} aria-hidden="true">
            {view.success ? '✓' : view.done ? '✕' : '…'}
          </div>
        )}
      </section>
      <section className="offer-panel">
        <div className="offer-title">
          <h1 ref={heading} tabIndex={-1}>
            {offer.credentialName}
          </h1>
          <span className="offer-reference" data-testid="offer-reference">
            {t('offer.reference', { reference })}
          </span>
        </div>
        {view.showCode && offer.transactionCode && (
          <div className="tx-code">
            <h2 id="tx-code-label">{t('offer.txCode')}</h2>
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
            <span className="countdown-label">{t('offer.expiresIn')}</span>{' '}
            <time className="countdown-time" aria-label={spokenCountdown(left, t)} data-testid="countdown">
              {formatCountdown(left)}
            </time>
          </p>
        )}
        <div className={`status tone-${view.tone}`} role="status" aria-live="polite" data-testid="offer-status" data-phase={view.phase}>
          <p className="status-label">{t(`offer.phases.${view.phase}.label`)}</p>
          <p className="status-detail">{t(`offer.phases.${view.phase}.detail`)}</p>
          {view.success && summary?.issuedCopies !== undefined && (
            <p className="status-detail" data-testid="issued-copies">
              {t('offer.copies', { count: summary.issuedCopies })}
            </p>
          )}
        </div>
        {stepIndex(view.phase) !== -1 && (
          <ol className="steps" aria-label={t('offer.progress')}>
            {progressSteps.map((step, i) => {
              const at = stepIndex(view.phase);
              const state = i < at ? 'done' : i === at ? 'current' : 'todo';
              return (
                <li key={step} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                  {t(`offer.steps.${step}`)}
                </li>
              );
            })}
          </ol>
        )}
        {!connected && !view.done && <p className="banner">{t('offer.reconnecting')}</p>}
        <ErrorBanner message={error} />
        <div className="offer-actions">
          {view.showCode && (
            <button
              type="button"
              className="button"
              disabled={extending || atMaximum}
              aria-describedby={atMaximum ? 'extend-note' : undefined}
              onClick={() => void extend()}
            >
              {t('offer.extend')}
            </button>
          )}
          {view.showCode && atMaximum && (
            <p id="extend-note" className="return-note">
              {t('offer.extendMax', { minutes: settings.maxOfferSeconds / 60 })}
            </p>
          )}
          {!view.done && view.phase !== 'claimed' && (
            <ConfirmAction
              label={t('offer.cancel')}
              question={t('offer.cancelQuestion')}
              confirmLabel={t('offer.cancelYes')}
              keepLabel={t('offer.cancelNo')}
              busyLabel={t('offer.cancelling')}
              onConfirm={async () => {
                try {
                  await api.cancelOffer(offer.id);
                  setSummary(await api.getOffer(offer.id));
                } catch (e) {
                  setError(failed(e, t('actions.cancelOffer')));
                }
              }}
            />
          )}
          {failedEnding && (
            <>
              <button
                ref={reissue}
                type="button"
                className="button button-primary button-large"
                disabled={renewing}
                onClick={() => void newCode()}
              >
                {renewing ? t('offer.creatingNewCode') : t('offer.newCode')}
              </button>
              <button type="button" className="button" disabled={renewing} onClick={onEdit}>
                {t('offer.editDetails')}
              </button>
            </>
          )}
          {(failedEnding || delay !== undefined) && (
            <>
              {returnIn !== undefined && <p className="return-note">{t('offer.backIn', { seconds: returnIn })}</p>}
              <button type="button" className={`button${failedEnding ? '' : ' button-primary'}`} disabled={renewing} onClick={onDone}>
                {t('offer.done')}
              </button>
            </>
          )}
        </div>
      </section>
    </main>
  );
}
