import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

/** Who is signed in, and *Lock* for a clerk (DESIGN §14). */
export function SessionBar() {
  const { t } = useTranslation();
  const { who, lock } = useSession();
  return (
    <>
      <span className="who" data-testid="signed-in-as">
        {who.kind === 'clerk' ? who.name : who.kind === 'kiosk' ? t('nav.kiosk') : t('nav.it', { name: who.name })}
      </span>
      {lock && (
        <button type="button" className="nav-button nav-lock" onClick={() => lock('clerk')}>
          {t('nav.lock')}
        </button>
      )}
    </>
  );
}
