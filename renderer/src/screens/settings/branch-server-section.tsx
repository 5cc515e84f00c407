import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskEngineMode } from '../../../../shared/api/z-branch-server';
import type { KioskBridge } from '../../../../shared/ipc/kiosk-channels';
import { ErrorBanner } from '../../components/error-banner';
import { errorMessage } from '../../view/error-message';

/**
 * DESIGN §13 (Electron kiosk only): a branch server instead of this machine's engine. The kiosk
 * checks the address and token before it switches, then restarts on the server.
 */
export function BranchServerSection({ kiosk }: { kiosk: KioskBridge }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<KioskEngineMode>();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void kiosk.engineMode().then((result) => (result.ok ? setMode(result.value) : setError(result.error.message)));
  }, [kiosk]);

  const use = async (settings: { url: string; token: string } | null) => {
    setBusy(true);
    setError(undefined);
    const result = await kiosk.useBranchServer(settings);
    if (result.ok) return; // the kiosk restarts on it
    setBusy(false);
    setError(errorMessage(result.error, t('settings.useBranchServer'), t));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void use({ url: url.trim(), token: token.trim() });
  };

  return (
    <section aria-labelledby="branch-server-heading">
      <h2 id="branch-server-heading">{t('settings.branchServer')}</h2>
      <p className="form-note">{t('settings.branchServerNote')}</p>
      {mode && (
        <p data-testid="engine-mode">
          {mode.mode === 'branch' ? t('settings.branchServerNow', { url: mode.url }) : t('settings.embeddedNow')}
        </p>
      )}
      <ErrorBanner message={error} />
      {busy && <p aria-live="polite">{t('settings.restarting')}</p>}
      <form className="settings-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="branch-server-url">{t('settings.branchServerUrl')}</label>
          <input id="branch-server-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="branch-server-token">{t('settings.branchServerToken')}</label>
          <input
            id="branch-server-token"
            type="password"
            required
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('settings.useBranchServer')}
        </button>
      </form>
      {mode?.mode === 'branch' && (
        <button type="button" className="button" disabled={busy} onClick={() => void use(null)}>
          {t('settings.useEmbedded')}
        </button>
      )}
    </section>
  );
}
