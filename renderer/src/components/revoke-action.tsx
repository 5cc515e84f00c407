import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statusReasons, type StatusReason } from '../../../shared/api/z-credential-status';
import { ConfirmAction } from './confirm-action';

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
  const [reason, setReason] = useState<StatusReason>('lost_or_stolen');
  return (
    <ConfirmAction
      label={t('issued.revoke')}
      question={t('issued.revokeQuestion', { credential: credentialName })}
      keepLabel={t('issued.revokeNo')}
      confirmLabel={t('issued.revokeYes')}
      busyLabel={t('issued.revoking')}
      className="revoke-confirm"
      onConfirm={() => onRevoke(reason)}
    >
      {(busy) => (
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
      )}
    </ConfirmAction>
  );
}
