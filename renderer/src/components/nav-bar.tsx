import { pendingLabel } from '../view/authorization-requests';

export type ScreenName = 'counter' | 'requests' | 'offers' | 'activity' | 'settings';

const SCREENS: ReadonlyArray<{ name: ScreenName; label: string }> = [
  { name: 'counter', label: 'Counter' },
  { name: 'requests', label: 'Requests' },
  { name: 'offers', label: 'Open offers' },
  { name: 'activity', label: 'Activity' },
  { name: 'settings', label: 'Settings' },
];

interface Props {
  current: ScreenName;
  onSelect: (screen: ScreenName) => void;
  /** A count shown beside a screen's name (pending requests); nothing when 0 or unknown. */
  badges?: Partial<Record<ScreenName, number | undefined>>;
}

export function NavBar({ current, onSelect, badges = {} }: Props) {
  return (
    <header className="top-bar">
      <span className="brand">Counter</span>
      <nav aria-label="Screens">
        <ul>
          {SCREENS.map((s) => {
            const count = badges[s.name] ?? 0;
            return (
              <li key={s.name}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={s.name === current ? 'page' : undefined}
                  onClick={() => onSelect(s.name)}
                >
                  {s.label}
                  {count > 0 && (
                    <>
                      <span className="badge" aria-hidden="true" data-testid={`${s.name}-badge`}>
                        {count}
                      </span>
                      <span className="visually-hidden">, {pendingLabel(count)}</span>
                    </>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
