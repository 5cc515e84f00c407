import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCredential } from '../../../shared/api/z-credential-status';
import type { IssuedCredentialQuery } from '../../../shared/api/z-list-query';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount } from '../components/hooks';
import { RevokeAction } from '../components/revoke-action';
import { INTL_LOCALE } from '../i18n/i18n';
import { usePreferences } from '../preferences/preferences-context';
import { configurationName, useSession } from '../session/session-context';
import { offerReference } from '../view/activity';
import { formatHint, formatMoment } from '../view/dates';
import { credentialState, EMPTY_SEARCH, issuedQuery, type IssuedSearch } from '../view/issued';
import { formatDay } from '../view/trust';

/**
 * Issued credentials (DESIGN §11): found by userId, by offer or by time, newest first; each can be
 * revoked with a reason, after a confirmation, and its new status shows at once.
 */
export function IssuedScreen() {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { api, configurations, failed } = useSession();
  const [form, setForm] = useState<IssuedSearch>(EMPTY_SEARCH);
  const [query, setQuery] = useState<IssuedCredentialQuery>(() => ({ limit: 50 }));
  const [credentials, setCredentials] = useState<IssuedCredential[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<string>();
  const [invalid, setInvalid] = useState<'offer' | 'from' | 'to'>();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const locale = INTL_LOCALE[preferences.language];
  const names = useMemo(() => new Map(configurations.map((c) => [c.id, configurationName(c)])), [configurations]);
  const hint = formatHint(preferences.dateFormat, { d: t('form.dateLetters.d'), m: t('form.dateLetters.m'), y: t('form.dateLetters.y') });

  const load = useCallback(
    async (after?: string) => {
      try {
        const page = await api.listIssuedCredentials({ ...query, ...(after ? { cursor: after } : {}) });
        setCredentials((previous) => (after ? [...(previous ?? []), ...page.data] : page.data));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        setError(failed(e, t('actions.loadIssued')));
      }
    },
    [api, failed, query, t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  function search(event: FormEvent) {
    event.preventDefault();
    const result = issuedQuery(form, preferences.dateFormat);
    if ('invalid' in result) {
      setInvalid(result.invalid);
      return;
    }
    setInvalid(undefined);
    setCredentials(undefined);
    setQuery(result.query);
  }

  async function revoke(credential: IssuedCredential, reason: IssuedCredential['statusReason']) {
    try {
      const { status } = await api.setCredentialStatus(credential.id, 'invalid', reason);
      // Shown at once; the engine's own record follows.
      setCredentials((list) =>
        list?.map((c) => (c.id === credential.id ? { ...c, status, ...(reason ? { statusReason: reason } : {}) } : c)),
      );
      const fresh = await api.listIssuedCredentials({ ...query, limit: Math.max(credentials?.length ?? 0, 1) });
      setCredentials((list) => list?.map((c) => fresh.data.find((f) => f.id === c.id) ?? c));
    } catch (e) {
      setError(failed(e, t('actions.revokeCredential')));
    }
  }

  const field = (name: keyof IssuedSearch, label: string, note?: string) => (
    <div className="field">
      <label htmlFor={`issued-${name}`}>{label}</label>
      <input
        id={`issued-${name}`}
        value={form[name]}
        aria-invalid={invalid === name || undefined}
        aria-describedby={note ? `issued-${name}-note` : undefined}
        onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
      />
      {note && (
        <p id={`issued-${name}-note`} className={invalid === name ? 'field-error' : 'field-hint'}>
          {note}
        </p>
      )}
    </div>
  );

  return (
    <main className="screen issued-screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('issued.title')}
        </h1>
      </div>
      <p>{t('issued.intro')}</p>
      <form className="issued-search" onSubmit={search} role="search" aria-label={t('issued.searchLabel')}>
        {field('userId', t('issued.userId'))}
        {field('offer', t('issued.offer'), invalid === 'offer' ? t('issued.badOffer') : t('issued.offerHint'))}
        {field('from', t('issued.from'), invalid === 'from' ? t('issued.badDate', { hint }) : hint)}
        {field('to', t('issued.to'), invalid === 'to' ? t('issued.badDate', { hint }) : hint)}
        <div className="issued-search-buttons">
          <button type="submit" className="button button-primary">
            {t('issued.search')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setForm(EMPTY_SEARCH);
              setInvalid(undefined);
              setQuery({ limit: 50 });
            }}
          >
            {t('issued.clear')}
          </button>
        </div>
      </form>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {credentials === undefined ? (
        <p>{t('issued.loading')}</p>
      ) : credentials.length === 0 ? (
        <p className="empty">{t('issued.none')}</p>
      ) : (
        <table className="table issued">
          <thead>
            <tr>
              <th scope="col">{t('issued.columns.issued')}</th>
              <th scope="col">{t('issued.columns.credential')}</th>
              <th scope="col">{t('issued.columns.userId')}</th>
              <th scope="col">{t('issued.columns.offer')}</th>
              <th scope="col">{t('issued.columns.validUntil')}</th>
              <th scope="col">{t('issued.columns.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('issued.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {credentials.map((credential) => {
              const state = credentialState(credential);
              const name = names.get(credential.configurationId) ?? credential.docType;
              return (
                <tr key={credential.id} data-credential-id={credential.id}>
                  <td className="numeric">{formatMoment(credential.issuedAt, preferences.dateFormat, locale)}</td>
                  <td>{name}</td>
                  <td className="mono">{credential.userId ?? '—'}</td>
                  <td className="mono reference">{offerReference(credential.offerId)}</td>
                  <td className="numeric">{formatDay(credential.validUntil, preferences.dateFormat)}</td>
                  <td data-testid="credential-status">
                    <span className={`pill tone-${state.tone}`}>{t(`issued.status.${state.key}`)}</span>
                    {credential.status === 'invalid' && credential.statusReason && (
                      <span className="status-reason"> {t(`issued.reasons.${credential.statusReason}`)}</span>
                    )}
                    {credential.status === 'invalid' && credential.statusChangedAt && (
                      <span className="status-reason"> · {formatMoment(credential.statusChangedAt, preferences.dateFormat, locale)}</span>
                    )}
                  </td>
                  <td className="actions">
                    {state.revocable && <RevokeAction credentialName={name} onRevoke={(reason) => revoke(credential, reason)} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => void load(cursor)}>
          {t('issued.more')}
        </button>
      )}
    </main>
  );
}
