import { useCallback, useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CodeOfferSummary } from '../../../../shared/api/z-authorization';
import { ConfirmAction } from '../../components/confirm-action';
import { ErrorBanner } from '../../components/error-banner';
import { configurationName, useSession } from '../../session/session-context';
import { activePosters } from '../../view/posters';
import { formatMoment } from '../../view/dates';
import { INTL_LOCALE } from '../../i18n/i18n';
import { usePreferences } from '../../preferences/preferences-context';
import type { Poster } from '../poster-screen';

/**
 * Authorization Code offers (DESIGN §4): one QR code, printed and put up, that many holders scan;
 * each of them then waits on the Requests screen for the clerk.
 */
export function PostersSection({ onShow }: { onShow: (poster: Poster) => void }) {
  const { t, i18n } = useTranslation();
  const { preferences } = usePreferences();
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
      setError(failed(e, t('actions.loadPosters')));
    }
  }, [api, failed, t]);

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
      setError(failed(e, t('actions.createPoster')));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="posters-heading">
      <h2 id="posters-heading">{t('posters.title')}</h2>
      <p>
        <Trans i18nKey="posters.intro" components={{ 1: <strong /> }} />
      </p>
      <form
        className="poster-create"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field field-inline">
          <label htmlFor="poster-type">{t('posters.credentialType')}</label>
          <select id="poster-type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
            {configurations.map((c) => (
              <option key={c.id} value={c.id}>
                {configurationName(c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={busy || !typeId}>
          {busy ? t('posters.creating') : t('posters.create')}
        </button>
      </form>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {offers === undefined ? (
        !error && <p>{t('settings.loading')}</p>
      ) : offers.length === 0 ? (
        <p className="empty">{t('posters.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('posters.credential')}</th>
              <th scope="col">{t('posters.created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('posters.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((offer) => (
              <tr key={offer.id} data-poster-id={offer.id}>
                <td>{nameOf(offer)}</td>
                <td className="numeric">
                  {formatMoment(offer.createdAt, preferences.dateFormat, INTL_LOCALE[preferences.language] ?? i18n.language)}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => onShow({ id: offer.id, uri: offer.uri, credentialName: nameOf(offer) })}
                  >
                    {t('posters.show')}
                  </button>
                  <ConfirmAction
                    label={t('posters.revoke')}
                    question={t('posters.revokeQuestion')}
                    confirmLabel={t('posters.revokeYes')}
                    keepLabel={t('posters.revokeNo')}
                    busyLabel={t('posters.revoking')}
                    onConfirm={async () => {
                      try {
                        await api.revokeCodeOffer(offer.id);
                      } catch (e) {
                        setError(failed(e, t('actions.revokePoster')));
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
