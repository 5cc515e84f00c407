import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferSummary } from '../../../shared/api/z-pre-authorized-offer';
import { ConfirmAction } from '../components/confirm-action';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount, useNow } from '../components/hooks';
import { configurationName, useSession } from '../session/session-context';
import { formatCountdown, secondsLeft } from '../view/countdown';
import { offerReference } from '../view/activity';
import { formatTime } from '../view/dates';
import { INTL_LOCALE } from '../i18n/i18n';
import { usePreferences } from '../preferences/preferences-context';

// Offers a wallet has not yet received a credential from, i.e. the ones worth cancelling.
const OPEN_STATUSES = ['pending', 'token_issued'] as const;
const REFRESH_MS = 5_000;

/** Unclaimed offers with their time left, each with *Cancel* (DESIGN §7.3). */
export function OpenOffersScreen() {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { api, configurations, failed } = useSession();
  const [offers, setOffers] = useState<OfferSummary[]>();
  const [error, setError] = useState<string>();
  const now = useNow();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const names = useMemo(() => new Map(configurations.map((c) => [c.id, configurationName(c)])), [configurations]);

  const load = useCallback(async () => {
    try {
      const lists = await Promise.all(OPEN_STATUSES.map((status) => api.listOffers({ status, limit: 100 })));
      setOffers(lists.flatMap((l) => l.data).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)));
      setError(undefined);
    } catch (e) {
      setError(failed(e, t('actions.loadOffers')));
    }
  }, [api, failed, t]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  // Time left by the engine's clock; a few seconds of skew in browser mode is harmless here.
  const visible = offers?.filter((o) => o.status !== 'pending' || Date.parse(o.expiresAt) > now);

  return (
    <main className="screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('openOffers.title')}
        </h1>
        <button type="button" className="button" onClick={() => void load()}>
          {t('openOffers.refresh')}
        </button>
      </div>
      <ErrorBanner message={error} />
      {visible === undefined ? (
        <p>{t('openOffers.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="empty">{t('openOffers.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('openOffers.reference')}</th>
              <th scope="col">{t('openOffers.credential')}</th>
              <th scope="col">{t('openOffers.created')}</th>
              <th scope="col">{t('openOffers.status')}</th>
              <th scope="col">{t('openOffers.timeLeft')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('openOffers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((offer) => (
              <tr key={offer.id} data-offer-id={offer.id}>
                <td className="mono reference">{offerReference(offer.id)}</td>
                <td>{offer.credentials.map((id) => names.get(id) ?? id).join(', ')}</td>
                <td className="numeric">{formatTime(offer.createdAt, INTL_LOCALE[preferences.language])}</td>
                <td>{t(`openOffers.statuses.${offer.status}`)}</td>
                <td className="numeric time-left">
                  {offer.status === 'pending' ? formatCountdown(secondsLeft(Date.parse(offer.expiresAt), now)) : '—'}
                </td>
                <td>
                  <ConfirmAction
                    label={t('openOffers.cancel')}
                    question={t('openOffers.cancelQuestion', { reference: offerReference(offer.id) })}
                    confirmLabel={t('openOffers.cancelYes')}
                    keepLabel={t('openOffers.cancelNo')}
                    busyLabel={t('offer.cancelling')}
                    onConfirm={async () => {
                      try {
                        await api.cancelOffer(offer.id);
                      } catch (e) {
                        setError(failed(e, t('actions.cancelOffer')));
                      }
                      await load();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
