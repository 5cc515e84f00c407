import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusListOverview, StatusListSignWith } from '../../../../shared/api/z-credential-status';
import { ErrorBanner } from '../../components/error-banner';
import { INTL_LOCALE } from '../../i18n/i18n';
import { usePreferences } from '../../preferences/preferences-context';
import { useSession } from '../../session/session-context';
import { formatMoment } from '../../view/dates';
import { formatDay } from '../../view/trust';

const SIGN_WITH: readonly StatusListSignWith[] = ['status-list-signer', 'document-signer'];

/**
 * Settings → Status lists (DESIGN §11), for admins: who signs the Status List Tokens (the setting),
 * each list's use, when its token was signed and last published, and what needs doing (a list
 * never published, a published token about to expire).
 */
export function StatusListsSection() {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { api, failed } = useSession();
  const [overview, setOverview] = useState<StatusListOverview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const locale = INTL_LOCALE[preferences.language];
  const moment = (iso: string | undefined) => (iso ? formatMoment(iso, preferences.dateFormat, locale) : '—');

  const load = useCallback(async () => {
    try {
      setOverview(await api.getStatusLists());
    } catch (e) {
      setError(failed(e, t('actions.loadStatusLists')));
    }
  }, [api, failed, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function choose(signWith: StatusListSignWith) {
    setBusy(true);
    try {
      setOverview(await api.setStatusListSignWith(signWith));
      setError(undefined);
    } catch (e) {
      setError(failed(e, t('actions.setSignWith')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="status-lists-heading" className="status-lists">
      <h2 id="status-lists-heading">{t('statusLists.title')}</h2>
      <p>{t('statusLists.intro')}</p>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {overview === undefined ? (
        !error && <p>{t('settings.loading')}</p>
      ) : (
        <>
          {overview.warnings.map((warning) => (
            <div key={warning.message} className="banner banner-warning" role="status" data-warning={warning.code}>
              {t(`statusLists.warnings.${warning.code}`, {
                list: warning.listId?.slice(0, 8) ?? '',
                date: warning.date ? moment(warning.date) : '',
                to: overview.baseUrl ?? '',
              })}
            </div>
          ))}
          <fieldset className="segmented" disabled={busy}>
            <legend>{t('statusLists.signWith')}</legend>
            {SIGN_WITH.map((value) => (
              <label key={value} className={`segment${overview.signWith === value ? ' segment-on' : ''}`}>
                <input
                  type="radio"
                  name="sign-with"
                  value={value}
                  checked={overview.signWith === value}
                  onChange={() => void choose(value)}
                />
                {t(`statusLists.signWithOptions.${value}`)}
              </label>
            ))}
          </fieldset>
          <dl className="settings">
            <dt>{t('statusLists.signedNow')}</dt>
            <dd data-testid="status-list-signer">
              {overview.signer
                ? t('statusLists.signedNowValue', {
                    signer: t(`statusLists.signerKinds.${overview.signer.kind}`),
                    until: formatDay(overview.signer.notAfter, preferences.dateFormat),
                  })
                : t('statusLists.noSigner')}
            </dd>
            <dt>{t('statusLists.publishedAt')}</dt>
            <dd className="mono">{overview.baseUrl ?? t('statusLists.servedHere')}</dd>
          </dl>
          {overview.lists.length === 0 ? (
            <p className="empty">{t('statusLists.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('statusLists.columns.list')}</th>
                  <th scope="col">{t('statusLists.columns.used')}</th>
                  <th scope="col">{t('statusLists.columns.signed')}</th>
                  <th scope="col">{t('statusLists.columns.expires')}</th>
                  <th scope="col">{t('statusLists.columns.published')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.lists.map((list) => (
                  <tr key={list.id} data-list-id={list.id}>
                    <td className="mono">{list.id.slice(0, 8)}</td>
                    <td className="numeric">{t('statusLists.used', { allocated: list.allocated, size: list.size })}</td>
                    <td className="numeric">{moment(list.tokenIssuedAt)}</td>
                    <td className="numeric">{moment(list.tokenExpiresAt)}</td>
                    <td data-testid="list-published">
                      {list.publishedAt
                        ? t('statusLists.publishedValue', { at: moment(list.publishedAt), until: moment(list.publishedExpiresAt) })
                        : overview.baseUrl
                          ? t('statusLists.neverPublished')
                          : t('statusLists.notNeeded')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="form-note">{t('statusLists.publishNote')}</p>
        </>
      )}
    </section>
  );
}
