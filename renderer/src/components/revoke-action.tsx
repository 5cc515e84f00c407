import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statusReasons, type StatusReason } from '../../../shared/api/z-credential-status';

interface Props {
  /** What is revoked, in words, e.g. "Mobile driving licence". */
  credentialName: string;
  onRevoke: (reason: StatusReason) => Promise<void>;
}

/**
 * Revoking an issued credential (DESIGN §11): a second, explicit step with the reason, since it is
 * final. The safe answer has the focus; Escape keeps the credential.
 */
export function RevokeAction({ credentialName, onRevoke }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState<StatusReason>('lost_or_stolen');
  const keepRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={startRef} type="button" className="button button-danger" onClick={() => setAsking(true)}>
        {t('issued.revoke')}
      </button>
    );
  }
  const question = t('issued.revokeQuestion', { credential: credentialName });
  return (
    <div
      className="confirm revoke-confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) setAsking(false);
      }}
    >
      <p className="confirm-question">{question}</p>
      <div className="field field-inline">
        <label htmlFor="revoke-reason">{t('issued.reason')}</label>
        <select id="revoke-reason" value={reason} disabled={busy} onChange={(e) => setReason(e.target.value as StatusReason)}>
          {statusReasons.map((r) => (
            <option key={r} value={r}>
              {t(`issued.reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="confirm-buttons">
        <button ref={keepRef} type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
          {t('issued.revokeNo')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onRevoke(reason);
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {busy ? t('issued.revoking') : t('issued.revokeYes')}
        </button>
      </div>
    </div>
  );
}
