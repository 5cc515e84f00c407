import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSigner, IacaDetails, TrustSummary } from '../../../../shared/api/z-trust';
import { errorInfo } from '../../../../shared/counter-api';
import { downloadText } from '../../components/download-text';
import { ErrorBanner } from '../../components/error-banner';
import { usePreferences } from '../../preferences/preferences-context';
import { useSession } from '../../session/session-context';
import { brokenRules, downloadName, formatDay, formatFingerprint, iacaName, signerStatusKey, type BrokenRule } from '../../view/trust';

type Refusal = { target: string; message: string; rules: BrokenRule[] };

const PEM_TYPES = '.pem,.crt,.cer,application/x-pem-file';

/** A broken rule's name: the Annex B field in plain words, then as the standard names it. */
function RuleName({ rule }: { rule: BrokenRule }) {
  const { t } = useTranslation();
  if (!rule.key || !rule.section) return <strong>{rule.field}</strong>;
  return <strong>{t('trust.rule', { name: t(`trust.rules.${rule.key}`), field: rule.field, section: rule.section })}</strong>;
}

/** A refused certificate: each broken Annex B rule in plain words, or the message when there are none. */
function RefusalList({ refusal }: { refusal: Refusal }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-danger refusal" role="alert">
      <p>{t('trust.refused', { message: refusal.message })}</p>
      {refusal.rules.length > 0 && (
        <ul>
          {refusal.rules.map((r) => (
            <li key={r.field + r.explanation}>
              <RuleName rule={r} />: {r.explanation}
              {r.value && t('trust.thisCertificate', { value: r.value })}.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Settings → Trust (DESIGN §10), for admins: which IACA and Document Signer sign, until when, with
 * which fingerprints; the CSR flow with an issuing authority (register its IACA, create a Document
 * Signer, download its CSR, upload the certificate the authority signed); the IACAs for verifiers.
 */
export function TrustSection() {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { api, failed } = useSession();
  const [iacas, setIacas] = useState<IacaDetails[]>();
  const [signers, setSigners] = useState<DocumentSigner[]>();
  const [summary, setSummary] = useState<TrustSummary>();
  const [error, setError] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState(false);
  const [iacaFile, setIacaFile] = useState<File>();
  const [forIaca, setForIaca] = useState('');
  const [certificateFiles, setCertificateFiles] = useState<Record<string, File | undefined>>({});
  const day = (iso: string | undefined) => (iso ? formatDay(iso, preferences.dateFormat) : '—');

  const load = useCallback(async () => {
    try {
      const [i, s, settings] = await Promise.all([api.listTrustIacas(), api.listDocumentSigners(), api.getSettings()]);
      setIacas(i);
      setSigners(s);
      setSummary(settings.trust);
      setForIaca((current) => current || (i.find((x) => x.active && !x.managed) ?? i[0])?.id || '');
    } catch (e) {
      setError(failed(e, t('actions.loadTrust')));
    }
  }, [api, failed, t]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one change; a 400 with Annex B details is shown as the broken rules next to `target`. */
  async function change(target: string, action: string, work: () => Promise<unknown>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setRefusal(undefined);
    try {
      await work();
      await load();
    } catch (e) {
      const info = errorInfo(e);
      if (info.status === 400) setRefusal({ target, message: info.message, rules: brokenRules(info) });
      else setError(failed(e, action));
    } finally {
      setBusy(false);
    }
  }
  const refusedAt = (target: string) => (refusal?.target === target ? <RefusalList refusal={refusal} /> : null);

  const current = signers?.find((s) => s.current);
  return (
    <section aria-labelledby="trust-heading" className="trust">
      <h2 id="trust-heading">{t('trust.title')}</h2>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {summary?.notices.map((notice) => (
        <div key={notice.message} className="banner banner-warning" role="status" data-notice={notice.code}>
          {t(`trust.notices.${notice.code}`, { iaca: notice.iacaName ?? '', date: day(notice.date) })}
        </div>
      ))}
      {current && iacas ? (
        <dl className="settings" data-testid="signing-now">
          <dt>{t('trust.signingNow')}</dt>
          <dd>
            {t('trust.signingNowValue', {
              iaca: iacaName(iacas, current.iacaId),
              until: day(current.certificateData?.notAfter),
              custody: t(`trust.custody.${current.keyCustody}`),
            })}
          </dd>
          <dt>{t('trust.fingerprint')}</dt>
          <dd className="mono fingerprint">{formatFingerprint(current.certificateFingerprint ?? '')}</dd>
          <dt>{t('trust.newKeys')}</dt>
          <dd>
            {summary && t(`trust.custody.${summary.signerKeyKind}`)}
            <br />
            <span className="mono">{summary?.signerKeyCustody}</span>
          </dd>
        </dl>
      ) : (
        signers && <p className="empty">{t('trust.noSigner')}</p>
      )}

      <h3>{t('trust.iacas')}</h3>
      <p>{t('trust.iacasIntro')}</p>
      {iacas === undefined ? (
        !error && <p>{t('settings.loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('trust.columns.iaca')}</th>
              <th scope="col">{t('trust.columns.country')}</th>
              <th scope="col">{t('trust.columns.keptBy')}</th>
              <th scope="col">{t('trust.columns.validUntil')}</th>
              <th scope="col">{t('trust.columns.fingerprint')}</th>
              <th scope="col">{t('trust.columns.inUse')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('trust.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {iacas.map((iaca) => (
              <tr key={iaca.id} data-iaca-id={iaca.id}>
                <td>{iaca.certificateData.commonName}</td>
                <td>{iaca.certificateData.country}</td>
                <td>{iaca.managed ? t('trust.keptBy.kiosk') : t('trust.keptBy.authority')}</td>
                <td>{day(iaca.certificateData.notAfter)}</td>
                <td className="mono fingerprint">{formatFingerprint(iaca.certificateFingerprint)}</td>
                <td>{iaca.active ? t('trust.active') : t('trust.off')}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => downloadText(iaca.certificatePem, downloadName('iaca', iaca.id), 'application/x-pem-file')}
                  >
                    {t('trust.downloadPem')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() =>
                      void change(iaca.id, t(iaca.active ? 'actions.switchIacaOff' : 'actions.switchIacaOn'), () =>
                        api.setIacaActive(iaca.id, !iaca.active),
                      )
                    }
                  >
                    {iaca.active ? t('trust.switchOff') : t('trust.switchOn')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="trust-form"
        onSubmit={(event) => {
          event.preventDefault();
          const file = iacaFile;
          if (file) void change('register', t('actions.registerIaca'), async () => api.registerIaca(await file.text()));
        }}
      >
        <div className="field field-inline">
          <label htmlFor="iaca-file">{t('trust.iacaFile')}</label>
          <input id="iaca-file" type="file" accept={PEM_TYPES} onChange={(e) => setIacaFile(e.target.files?.[0])} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy || !iacaFile}>
          {t('trust.register')}
        </button>
      </form>
      {refusedAt('register')}

      <h3>{t('trust.signers')}</h3>
      <p>{t('trust.signersIntro')}</p>
      {signers && iacas && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('trust.columns.underIaca')}</th>
              <th scope="col">{t('trust.columns.status')}</th>
              <th scope="col">{t('trust.columns.validUntil')}</th>
              <th scope="col">{t('trust.columns.key')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('trust.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {signers
              .filter((s) => s.status !== 'revoked' && s.status !== 'expired')
              .map((signer) => (
                <tr key={signer.id} data-signer-id={signer.id}>
                  <td>{iacaName(iacas, signer.iacaId)}</td>
                  <td data-testid="signer-status">
                    {t(`trust.status.${signerStatusKey(signer)}`)}
                    {signer.renewBy && t('trust.renewBy', { date: day(signer.renewBy) })}
                  </td>
                  <td>{day(signer.certificateData?.notAfter)}</td>
                  <td>{t(`trust.custody.${signer.keyCustody}`)}</td>
                  <td className="actions">
                    {signer.status === 'pending' && (
                      <form
                        className="install-form"
                        onSubmit={(event) => {
                          event.preventDefault();
                          const file = certificateFiles[signer.id];
                          if (file) {
                            void change(signer.id, t('actions.installCertificate'), async () =>
                              api.installDocumentSignerCertificate(signer.id, await file.text()),
                            );
                          }
                        }}
                      >
                        <button
                          type="button"
                          className="button"
                          onClick={() => downloadText(signer.csrPem, downloadName('csr', signer.id), 'application/pkcs10')}
                        >
                          {t('trust.downloadCsr')}
                        </button>
                        <label htmlFor={`certificate-${signer.id}`}>{t('trust.certificateFile')}</label>
                        <input
                          id={`certificate-${signer.id}`}
                          type="file"
                          accept={PEM_TYPES}
                          onChange={(e) => setCertificateFiles((files) => ({ ...files, [signer.id]: e.target.files?.[0] }))}
                        />
                        <button type="submit" className="button button-primary" disabled={busy || !certificateFiles[signer.id]}>
                          {t('trust.install')}
                        </button>
                      </form>
                    )}
                    {refusedAt(signer.id)}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {iacas && iacas.length > 0 && (
        <form
          className="trust-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (forIaca) void change('create', t('actions.createSigner'), () => api.createDocumentSigner(forIaca));
          }}
        >
          <div className="field field-inline">
            <label htmlFor="signer-iaca">{t('trust.newSignerUnder')}</label>
            <select id="signer-iaca" value={forIaca} onChange={(e) => setForIaca(e.target.value)}>
              {iacas.map((iaca) => (
                <option key={iaca.id} value={iaca.id}>
                  {iaca.certificateData.commonName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={busy || !forIaca}>
            {t('trust.createSigner')}
          </button>
        </form>
      )}
      {refusedAt('create')}
    </section>
  );
}
