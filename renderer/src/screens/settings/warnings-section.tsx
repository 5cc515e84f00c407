import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session-context';

/** DESIGN §13: what the branch's IT should fix before wallets trip over it (the same as /readyz says). */
export function WarningsSection() {
  const { t } = useTranslation();
  const { settings } = useSession();
  if (settings.warnings.length === 0) return null;
  return (
    <section aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">{t('settings.warnings')}</h2>
      <ul className="plain-list">
        {settings.warnings.map((warning) => (
          <li key={warning.code} className="banner banner-warning" data-testid={`warning-${warning.code}`}>
            {warning.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
