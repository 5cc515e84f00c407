export type ScreenName = 'counter' | 'offers' | 'activity' | 'settings';

const SCREENS: ReadonlyArray<{ name: ScreenName; label: string }> = [
  { name: 'counter', label: 'Counter' },
  { name: 'offers', label: 'Open offers' },
  { name: 'activity', label: 'Activity' },
  { name: 'settings', label: 'Settings' },
];

export function NavBar({ current, onSelect }: { current: ScreenName; onSelect: (screen: ScreenName) => void }) {
  return (
    <header className="top-bar">
      <span className="brand">Counter</span>
      <nav aria-label="Screens">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.name}>
              <button type="button" className="nav-button" aria-current={s.name === current ? 'page' : undefined} onClick={() => onSelect(s.name)}>
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
