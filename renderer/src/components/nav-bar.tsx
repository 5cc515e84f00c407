import { useTranslation } from 'react-i18next';

export type ScreenName = 'counter' | 'requests' | 'offers' | 'issued' | 'activity' | 'settings';

/** The screens in the order of the navigation; a new screen is one more entry here and in App. */
export const SCREENS: readonly ScreenName[] = ['counter', 'requests', 'offers', 'issued', 'activity', 'settings'];

interface Props {
  current: ScreenName;
  onSelect: (screen: ScreenName) => void;
  /** A count shown beside a screen's name (pending requests); nothing when 0 or unknown. */
  badges?: Partial<Record<ScreenName, number | undefined>>;
  /** An offer is on the Counter screen (shown while the clerk looks elsewhere). */
  offerRunning?: boolean;
  /** Who is signed in, and the session's own controls (lock, sign out). */
  children?: React.ReactNode;
}

export function NavBar({ current, onSelect, badges = {}, offerRunning, children }: Props) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('nav.label')}>
        <ul>
          {SCREENS.map((name) => {
            const count = badges[name] ?? 0;
            return (
              <li key={name}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={name === current ? 'page' : undefined}
                  onClick={() => onSelect(name)}
                >
                  {t(`nav.${name}`)}
                  {count > 0 && (
                    <>
                      <span className="badge" aria-hidden="true" data-testid={`${name}-badge`}>
                        {count}
                      </span>
                      <span className="visually-hidden">, {t('nav.waiting', { count })}</span>
                    </>
                  )}
                  {name === 'counter' && offerRunning && (
                    <>
                      <span className="live-dot" aria-hidden="true" data-testid="offer-running" />
                      <span className="visually-hidden">, {t('nav.offerRunning')}</span>
                    </>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      {children && <div className="session-bar">{children}</div>}
    </header>
  );
}
