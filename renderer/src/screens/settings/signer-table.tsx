import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSigner, IacaDetails } from '../../../../shared/api/z-trust';
import { downloadText } from '../../components/download-text';
import { downloadName, iacaName, signerStatusKey } from '../../view/trust';

const PEM_TYPES = '.pem,.crt,.cer,application/x-pem-file';

/** The words and row attribute of each kind of signer (DESIGN §10 Document Signers, §11 status-list signers). */
const KINDS = {
  documentSigner: {
    title: 'trust.signers',
    intro: 'trust.signersIntro',
    under: 'trust.newSignerUnder',
    create: 'trust.createSigner',
    row: 'data-signer-id',
    csr: 'csr',
  },
  statusListSigner: {
    title: 'trust.statusListSigners',
    intro: 'trust.statusListSignersIntro',
    under: 'trust.newStatusListSignerUnder',
    create: 'trust.createStatusListSigner',
    row: 'data-status-list-signer-id',
    csr: 'status-list-csr',
  },
} as const;

interface Props {
  kind: keyof typeof KINDS;
  signers: DocumentSigner[];
  iacas: IacaDetails[];
  busy: boolean;
  day: (iso: string | undefined) => string;
  /** A refused certificate or creation, shown where it happened (`signer id`, or `create-<kind>`). */
  refusedAt: (target: string) => ReactNode;
  onInstall: (signer: DocumentSigner, certificatePem: string) => void;
  onCreate: (iacaId: string) => void;
}

/** One kind of signer in Settings → Trust: its signers with their status, and the CSR flow (create, download the CSR, install the certificate). */
export function SignerTable({ kind, signers, iacas, busy, day, refusedAt, onInstall, onCreate }: Props) {
  const { t } = useTranslation();
  const words = KINDS[kind];
  const [forIaca, setForIaca] = useState(() => (iacas.find((x) => x.active && !x.managed) ?? iacas[0])?.id ?? '');
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const createTarget = `create-${kind}`;
  const selectId = `${kind}-iaca`;
  return (
    <>
      <h3>{t(words.title)}</h3>
      <p>{t(words.intro)}</p>
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
              <tr key={signer.id} {...{ [words.row]: signer.id }}>
                <td>{iacaName(iacas, signer.iacaId)}</td>
                <td data-testid="signer-status">
                  {kind === 'statusListSigner' && signer.current
                    ? t('trust.status.signingLists')
                    : t(`trust.status.${signerStatusKey(signer)}`)}
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
                        const file = files[signer.id];
                        if (file) void file.text().then((pem) => onInstall(signer, pem));
                      }}
                    >
                      <button
                        type="button"
                        className="button"
                        onClick={() => downloadText(signer.csrPem, downloadName(words.csr, signer.id), 'application/pkcs10')}
                      >
                        {t('trust.downloadCsr')}
                      </button>
                      <label htmlFor={`certificate-${signer.id}`}>{t('trust.certificateFile')}</label>
                      <input
                        id={`certificate-${signer.id}`}
                        type="file"
                        accept={PEM_TYPES}
                        onChange={(e) => setFiles((f) => ({ ...f, [signer.id]: e.target.files?.[0] }))}
                      />
                      <button type="submit" className="button button-primary" disabled={busy || !files[signer.id]}>
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
      {iacas.length > 0 && (
        <form
          className="trust-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (forIaca) onCreate(forIaca);
          }}
        >
          <div className="field field-inline">
            <label htmlFor={selectId}>{t(words.under)}</label>
            <select id={selectId} value={forIaca} onChange={(e) => setForIaca(e.target.value)}>
              {iacas.map((iaca) => (
                <option key={iaca.id} value={iaca.id}>
                  {iaca.certificateData.commonName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={busy || !forIaca}>
            {t(words.create)}
          </button>
        </form>
      )}
      {refusedAt(createTarget)}
    </>
  );
}
