import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClerkSummary } from '../../../../shared/api/z-clerk';
import { ConfirmAction } from '../../components/confirm-action';
import { ErrorBanner } from '../../components/error-banner';
import { INTL_LOCALE } from '../../i18n/i18n';
import { usePreferences } from '../../preferences/preferences-context';
import { useSession } from '../../session/session-context';
import { formatMoment } from '../../view/dates';

const PIN = /^\d{4,12}$/;

/** Admins: the clerks who may sign in here with their name and PIN (DESIGN §14). */
export function ClerksSection() {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { api, failed } = useSession();
  const [clerks, setClerks] = useState<ClerkSummary[]>();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const locale = INTL_LOCALE[preferences.language];

  const load = useCallback(async () => {
    try {
      setClerks(await api.listClerks());
    } catch (e) {
      setError(failed(e, t('actions.loadClerks')));
    }
  }, [api, failed, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function add(): Promise<void> {
    if (!name.trim() || !PIN.test(pin)) return setError(t('clerks.check'));
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createClerk(name.trim(), pin);
      setNotice(t('clerks.added', { name: created.name }));
      setName('');
      setPin('');
      await load();
    } catch (e) {
      setError(failed(e, t('actions.addClerk')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="clerks-heading">
      <h2 id="clerks-heading">{t('clerks.title')}</h2>
      <p>{t('clerks.intro')}</p>
      <form
        className="poster-create"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <div className="field">
          <label htmlFor="new-clerk-name">{t('clerks.name')}</label>
          <input id="new-clerk-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-clerk-pin">{t('clerks.pin')}</label>
          <input
            id="new-clerk-pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            aria-describedby="new-clerk-pin-hint"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
          <p id="new-clerk-pin-hint" className="field-hint">
            {t('clerks.pinHint')}
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('clerks.add')}
        </button>
      </form>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {notice && (
        <p className="banner banner-success" role="status">
          {notice}
        </p>
      )}
      {clerks === undefined ? (
        !error && <p>{t('settings.loading')}</p>
      ) : clerks.length === 0 ? (
        <p className="empty">{t('clerks.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('clerks.name')}</th>
              <th scope="col">{t('clerks.created')}</th>
              <th scope="col">{t('clerks.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('clerks.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clerks.map((clerk) => (
              <tr key={clerk.id} data-clerk-id={clerk.id}>
                <td>{clerk.name}</td>
                <td className="numeric">{formatMoment(clerk.createdAt, preferences.dateFormat, locale)}</td>
                <td>
                  {clerk.lockedUntil
                    ? t('clerks.lockedUntil', { time: formatMoment(clerk.lockedUntil, preferences.dateFormat, locale) })
                    : t('clerks.active')}
                </td>
                <td className="row-actions">
                  <NewPin
                    clerk={clerk}
                    onDone={async (message) => {
                      setNotice(message);
                      await load();
                    }}
                    onError={setError}
                  />
                  <ConfirmAction
                    label={t('clerks.remove')}
                    question={t('clerks.removeQuestion', { name: clerk.name })}
                    confirmLabel={t('clerks.removeYes')}
                    keepLabel={t('clerks.removeNo')}
                    onConfirm={async () => {
                      try {
                        await api.removeClerk(clerk.id);
                        setNotice(t('clerks.removed', { name: clerk.name }));
                      } catch (e) {
                        setError(failed(e, t('actions.removeClerk')));
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

/** *New PIN* for one clerk (also unlocks them). */
function NewPin({
  clerk,
  onDone,
  onError,
}: {
  clerk: ClerkSummary;
  onDone: (message: string) => Promise<void>;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { api, failed } = useSession();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('clerks.newPin')}
      </button>
    );
  }
  const id = `pin-${clerk.id}`;
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!PIN.test(pin)) return onError(t('clerks.check'));
        try {
          await api.setClerkPin(clerk.id, pin);
          setOpen(false);
          await onDone(t('clerks.pinSet', { name: clerk.name }));
        } catch (e) {
          onError(failed(e, t('actions.setPin')));
        }
      }}
    >
      <label htmlFor={id}>{t('clerks.newPinFor', { name: clerk.name })}</label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        autoFocus
        value={pin}
        onChange={(e) => setPin(e.target.value)}
      />
      <button type="submit" className="button button-primary">
        {t('clerks.setPin')}
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        {t('clerks.cancel')}
      </button>
    </form>
  );
}
