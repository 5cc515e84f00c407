import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BATCH_SIZE, type WalletPolicy, type WalletProvider } from '../../../../shared/api/z-wallet-policy';
import { ConfirmAction } from '../../components/confirm-action';
import { ErrorBanner } from '../../components/error-banner';
import { useSession } from '../../session/session-context';
import { shortFingerprint, walletProviderRequest } from '../../view/wallet-providers';

type Flag = 'requireDpop' | 'requireDpopNonce' | 'requireWalletAttestation' | 'requirePushedAuthorizationRequests';
const FLAGS: readonly Flag[] = ['requireDpop', 'requireDpopNonce', 'requireWalletAttestation', 'requirePushedAuthorizationRequests'];

/** Admins: the wallet protocol (DESIGN §12): what wallets must prove, the batch size, the trusted wallet providers. */
export function WalletsSection() {
  const { t } = useTranslation();
  const { api, failed } = useSession();
  const [policy, setPolicy] = useState<WalletPolicy>();
  const [providers, setProviders] = useState<WalletProvider[]>();
  const [name, setName] = useState('');
  const [anchor, setAnchor] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      const [p, list] = await Promise.all([api.getWalletPolicy(), api.listWalletProviders()]);
      setPolicy(p);
      setProviders(list);
    } catch (e) {
      setError(failed(e, t('actions.loadWallets')));
    }
  }, [api, failed, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save(next: WalletPolicy): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      setPolicy(await api.updateWalletPolicy(next));
      setNotice(t('wallets.saved'));
    } catch (e) {
      setError(failed(e, t('actions.saveWallets')));
    } finally {
      setBusy(false);
    }
  }

  async function add(): Promise<void> {
    const request = walletProviderRequest(name, anchor);
    if (typeof request === 'string') return setError(t(request));
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createWalletProvider(request);
      setNotice(t('wallets.added', { name: created.name }));
      setName('');
      setAnchor('');
      await load();
    } catch (e) {
      setError(failed(e, t('actions.addWalletProvider')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="wallets-heading">
      <h2 id="wallets-heading">{t('wallets.title')}</h2>
      <p>{t('wallets.intro')}</p>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {notice && (
        <p className="banner banner-success" role="status">
          {notice}
        </p>
      )}
      {policy === undefined ? (
        !error && <p>{t('settings.loading')}</p>
      ) : (
        <form
          className="settings-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save(policy);
          }}
        >
          {FLAGS.map((flag) => (
            <label key={flag} className="check">
              <input type="checkbox" checked={policy[flag]} onChange={(e) => setPolicy({ ...policy, [flag]: e.target.checked })} />
              <span>{t(`wallets.${flag}`)}</span>
            </label>
          ))}
          <div className="field">
            <label htmlFor="wallet-batch-size">{t('wallets.batchSize')}</label>
            <input
              id="wallet-batch-size"
              type="number"
              min={1}
              max={MAX_BATCH_SIZE}
              aria-describedby="wallet-batch-size-hint"
              value={policy.batchSize}
              onChange={(e) => setPolicy({ ...policy, batchSize: Math.max(1, Math.min(MAX_BATCH_SIZE, Number(e.target.value) || 1)) })}
            />
            <p id="wallet-batch-size-hint" className="field-hint">
              {t('wallets.batchSizeHint', { max: MAX_BATCH_SIZE })}
            </p>
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('wallets.save')}
          </button>
        </form>
      )}

      <h3>{t('wallets.providers')}</h3>
      <p className="form-note">{t('wallets.providersNote')}</p>
      {providers === undefined ? null : providers.length === 0 ? (
        <p className="empty">{t('wallets.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('wallets.name')}</th>
              <th scope="col">{t('wallets.anchor')}</th>
              <th scope="col">{t('wallets.fingerprint')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('wallets.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id} data-wallet-provider-id={p.id}>
                <td>{p.name}</td>
                <td>{p.certificate ? t('wallets.certificate', { subject: p.certificate.subject }) : t('wallets.jwk')}</td>
                <td className="mono" title={p.fingerprint}>
                  {shortFingerprint(p.fingerprint)}
                </td>
                <td className="row-actions">
                  <ConfirmAction
                    label={t('wallets.remove')}
                    question={t('wallets.removeQuestion', { name: p.name })}
                    confirmLabel={t('wallets.removeYes')}
                    keepLabel={t('wallets.removeNo')}
                    onConfirm={async () => {
                      try {
                        await api.deleteWalletProvider(p.id);
                        setNotice(t('wallets.removed', { name: p.name }));
                      } catch (e) {
                        setError(failed(e, t('actions.removeWalletProvider')));
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
      <form
        className="poster-create"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <div className="field">
          <label htmlFor="wallet-provider-name">{t('wallets.name')}</label>
          <input id="wallet-provider-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="wallet-provider-anchor">{t('wallets.anchorInput')}</label>
          <textarea
            id="wallet-provider-anchor"
            rows={6}
            spellCheck={false}
            className="mono"
            aria-describedby="wallet-provider-anchor-hint"
            value={anchor}
            onChange={(e) => setAnchor(e.target.value)}
          />
          <p id="wallet-provider-anchor-hint" className="field-hint">
            {t('wallets.anchorHint')}
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('wallets.add')}
        </button>
      </form>
    </section>
  );
}
