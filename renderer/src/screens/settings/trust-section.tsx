import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSigner, IacaDetails, TrustSummary } from '../../../../shared/api/z-trust';
import { errorInfo } from '../../../../shared/counter-api';
import { downloadText } from '../../components/download-text';
import { ErrorBanner } from '../../components/error-banner';
import { usePreferences } from '../../preferences/preferences-context';
import { useSession } from '../../session/session-context';
import { brokenRules, downloadName, formatDay, formatFingerprint, iacaName, type BrokenRule } from '../../view/trust';
import { SignerTable } from './signer-table';

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
  const [statusListSigners, setStatusListSigners] = useState<DocumentSigner[]>();
  const day = (iso: string | undefined) => (iso ? formatDay(iso, preferences.dateFormat) : '—');

  const load = useCallback(async () => {
    try {
      const [i, s, sl, settings] = await Promise.all([
        api.listTrustIacas(),
        api.listDocumentSigners(),
        api.listStatusListSigners(),
        api.getSettings(),
      ]);
      setIacas(i);
      setSigners(s);
      setStatusListSigners(sl);
      setSummary(settings.trust);
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

      {signers && iacas && (
        <SignerTable
          kind="documentSigner"
          signers={signers}
          iacas={iacas}
          busy={busy}
          day={day}
          refusedAt={refusedAt}
          onCreate={(iacaId) => void change('create-documentSigner', t('actions.createSigner'), () => api.createDocumentSigner(iacaId))}
          onInstall={(signer, pem) =>
            void change(signer.id, t('actions.installCertificate'), () => api.installDocumentSignerCertificate(signer.id, pem))
          }
        />
      )}
      {statusListSigners && iacas && (
        <SignerTable
          kind="statusListSigner"
          signers={statusListSigners}
          iacas={iacas}
          busy={busy}
          day={day}
          refusedAt={refusedAt}
          onCreate={(iacaId) =>
            void change('create-statusListSigner', t('actions.createStatusListSigner'), () => api.createStatusListSigner(iacaId))
          }
          onInstall={(signer, pem) =>
            void change(signer.id, t('actions.installCertificate'), () => api.installStatusListSignerCertificate(signer.id, pem))
          }
        />
      )}
    </section>
  );
}
