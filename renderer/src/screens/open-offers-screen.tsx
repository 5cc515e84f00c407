import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OfferSummary } from '../../../shared/api/z-pre-authorized-offer';
import { ConfirmAction } from '../components/confirm-action';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount, useNow } from '../components/hooks';
import { configurationName, useSession } from '../session/session-context';
import { formatCountdown, secondsLeft } from '../view/countdown';
import { statusLabel } from '../view/offer-status';

// Offers a wallet has not yet received a credential from, i.e. the ones worth cancelling.
const OPEN_STATUSES = ['pending', 'token_issued'] as const;
const REFRESH_MS = 5_000;

/** Unclaimed offers with their time left, each with *Cancel* (DESIGN §7.3). */
export function OpenOffersScreen() {
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
      setError(failed(e, 'load the open offers'));
    }
  }, [api, failed]);

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
          Open offers
        </h1>
        <button type="button" className="button" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      <ErrorBanner message={error} />
      {visible === undefined ? (
        <p>Loading…</p>
      ) : visible.length === 0 ? (
        <p className="empty">No open offers.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Credential</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Time left</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((offer) => (
              <tr key={offer.id} data-offer-id={offer.id}>
                <td>{offer.credentials.map((id) => names.get(id) ?? id).join(', ')}</td>
                <td>{new Date(offer.createdAt).toLocaleTimeString()}</td>
                <td>{statusLabel(offer.status)}</td>
                <td className="numeric">
                  {offer.status === 'pending' ? formatCountdown(secondsLeft(Date.parse(offer.expiresAt), now)) : '—'}
                </td>
                <td>
                  <ConfirmAction
                    label="Cancel"
                    question="Cancel this offer? Its QR code will stop working."
                    confirmLabel="Yes, cancel"
                    keepLabel="No"
                    busyLabel="Cancelling…"
                    onConfirm={async () => {
                      try {
                        await api.cancelOffer(offer.id);
                      } catch (e) {
                        setError(failed(e, 'cancel the offer'));
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
