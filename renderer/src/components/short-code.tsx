import { useTranslation } from 'react-i18next';
import { spokenCode } from '../view/authorization-requests';

/** The holder's short code in large digits, read out digit by digit. */
export function ShortCode({ code, size = 'large' }: { code: string; size?: 'large' | 'huge' }) {
  const { t } = useTranslation();
  return (
    <span className={`short-code short-code-${size}`} data-short-code={code}>
      <span className="visually-hidden">{t('requests.code', { digits: spokenCode(code) })}</span>
      {code.split('').map((digit, i) => (
        <span key={i} className="short-code-digit" aria-hidden="true">
          {digit}
        </span>
      ))}
    </span>
  );
}
