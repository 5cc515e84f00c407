import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CodeOfferSummary } from '../../../shared/api/z-authorization';
import { ConfirmAction } from '../components/confirm-action';
import { ErrorBanner } from '../components/error-banner';
import { configurationName, useSession } from '../session/session-context';
import { activePosters } from '../view/posters';
import type { Poster } from './poster-screen';

/**
 * Authorization Code offers (DESIGN §4): one QR code, printed and put up, that many holders scan;
 * each of them then waits on the Requests screen for the clerk.
 */
export function PostersSection({ onShow }: { onShow: (poster: Poster) => void }) {
  const { api, configurations, failed } = useSession();
  const [offers, setOffers] = useState<CodeOfferSummary[]>();
  const [typeId, setTypeId] = useState(configurations[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const names = useMemo(() => new Map(configurations.map((c) => [c.id, configurationName(c)])), [configurations]);
  const nameOf = useCallback(
    (offer: Pick<CodeOfferSummary, 'credentials'>) => offer.credentials.map((id) => names.get(id) ?? id).join(', '),
    [names],
  );

  const load = useCallback(async () => {
    try {
      setOffers(activePosters(await api.listCodeOffers()));
    } catch (e) {
      setError(failed(e, 'load the posters'));
    }
  }, [api, failed]);

  useEffect(() => {
    void load();
  }, [load]);

  async function create(): Promise<void> {
    if (busy || !typeId) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createCodeOffer({ credentials: [typeId] });
      onShow({ id: created.id, uri: created.uri, credentialName: nameOf({ credentials: [typeId] }) });
    } catch (e) {
      setError(failed(e, 'create the poster'));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="posters-heading">
      <h2 id="posters-heading">Posters</h2>
      <p>
        A poster QR code lets many holders start on their own phone. Each then waits on the <strong>Requests</strong> screen until you have
        checked them and approved.
      </p>
      <form
        className="poster-create"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field field-inline">
          <label htmlFor="poster-type">Credential type</label>
          <select id="poster-type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
            {configurations.map((c) => (
              <option key={c.id} value={c.id}>
                {configurationName(c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={busy || !typeId}>
          {busy ? 'Creating poster…' : 'Create poster'}
        </button>
      </form>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {offers === undefined ? (
        !error && <p>Loading…</p>
      ) : offers.length === 0 ? (
        <p className="empty">No posters yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Credential</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((offer) => (
              <tr key={offer.id} data-poster-id={offer.id}>
                <td>{nameOf(offer)}</td>
                <td>{new Date(offer.createdAt).toLocaleString()}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => onShow({ id: offer.id, uri: offer.uri, credentialName: nameOf(offer) })}
                  >
                    Show QR
                  </button>
                  <ConfirmAction
                    label="Revoke"
                    question="Revoke this poster? Its QR code stops working, and holders still waiting from it are turned away."
                    confirmLabel="Yes, revoke"
                    keepLabel="No, keep it"
                    busyLabel="Revoking…"
                    onConfirm={async () => {
                      try {
                        await api.revokeCodeOffer(offer.id);
                      } catch (e) {
                        setError(failed(e, 'revoke the poster'));
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
    </section>
  );
}
