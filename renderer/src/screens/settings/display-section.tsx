import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorInfo } from '../../../../shared/counter-api';
import { ErrorBanner } from '../../components/error-banner';
import { useDisplayLink } from '../../session/display-link';
import { useSession } from '../../session/session-context';

/** Pairs the customer-facing display (a browser at /display) with this counter (DESIGN §14). */
export function DisplaySection() {
  const { t } = useTranslation();
  const { api, failed } = useSession();
  const { displayId, setDisplayId } = useDisplayLink();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // The Electron kiosk opens its customer display on a second screen by itself.
  if (window.counterKiosk) {
    return (
      <section aria-labelledby="display-heading">
        <h2 id="display-heading">{t('displaySettings.title')}</h2>
        <p className={displayId ? 'banner banner-success' : undefined} role="status" data-testid="display-paired">
          {displayId ? t('displaySettings.secondScreen') : t('displaySettings.noSecondScreen')}
        </p>
      </section>
    );
  }

  async function pair(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      setDisplayId((await api.pairDisplay(code.replace(/\s+/g, ''))).id);
      setCode('');
    } catch (e) {
      setError(errorInfo(e).status === 404 ? t('displaySettings.noSuchCode') : failed(e, t('actions.pairDisplay')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="display-heading">
      <h2 id="display-heading">{t('displaySettings.title')}</h2>
      <p>{t('displaySettings.intro', { path: `${window.location.origin}/display` })}</p>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {displayId ? (
        <div className="row-actions">
          <p className="banner banner-success" role="status" data-testid="display-paired">
            {t('displaySettings.paired')}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              void api.unpairDisplay(displayId).catch(() => undefined);
              setDisplayId(undefined);
            }}
          >
            {t('displaySettings.unpair')}
          </button>
        </div>
      ) : (
        <form
          className="poster-create"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void pair();
          }}
        >
          <div className="field">
            <label htmlFor="display-code">{t('displaySettings.code')}</label>
            <input id="display-code" inputMode="numeric" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('displaySettings.pair')}
          </button>
        </form>
      )}
    </section>
  );
}
