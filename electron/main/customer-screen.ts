// Which screen the customer display goes on, and what to do when screens come and go (DESIGN §14).
// Pure: Electron's screen module is read by customer-display-window.ts and handed in as data.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What matters of an Electron Display. */
export interface ScreenInfo {
  id: number;
  bounds: Rect;
  /** A laptop's own panel: the customer faces an external screen rather than it. */
  internal?: boolean;
}

/** COUNTER_CUSTOMER_DISPLAY: `off` never opens one; otherwise (`auto`, the default) one opens on a second screen. */
export type CustomerDisplaySetting = 'auto' | 'off';

export function customerDisplaySetting(env: NodeJS.ProcessEnv): CustomerDisplaySetting {
  const value = (env.COUNTER_CUSTOMER_DISPLAY ?? 'auto').trim().toLowerCase();
  if (value === 'off' || value === '0' || value === 'false') return 'off';
  if (value === 'auto' || value === '' || value === '1' || value === 'true') return 'auto';
  throw new Error(`COUNTER_CUSTOMER_DISPLAY must be auto or off, not "${env.COUNTER_CUSTOMER_DISPLAY}"`);
}

/**
 * The screen for the customer display: any screen but the one the clerk's window is on, external
 * screens before a built-in panel, then from left to right and top to bottom (a stable choice that
 * does not jump while nothing changes). None with a single screen.
 */
export function customerScreen(
  screens: readonly ScreenInfo[],
  clerkScreenId: number | undefined,
  setting: CustomerDisplaySetting,
): ScreenInfo | undefined {
  if (setting === 'off') return undefined;
  return screens
    .filter((s) => s.id !== clerkScreenId)
    .sort(
      (a, b) =>
        Number(Boolean(a.internal)) - Number(Boolean(b.internal)) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id,
    )[0];
}

export type CustomerWindowStep =
  | { step: 'open'; screen: ScreenInfo }
  /** Another screen, or the same one with new bounds (resolution, arrangement). */
  | { step: 'move'; screen: ScreenInfo }
  | { step: 'close' }
  | { step: 'keep' };

const sameRect = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** From where the customer window is now (undefined: not open) to where it should be. */
export function nextCustomerWindowStep(shownOn: ScreenInfo | undefined, target: ScreenInfo | undefined): CustomerWindowStep {
  if (!target) return shownOn ? { step: 'close' } : { step: 'keep' };
  if (!shownOn) return { step: 'open', screen: target };
  return shownOn.id === target.id && sameRect(shownOn.bounds, target.bounds) ? { step: 'keep' } : { step: 'move', screen: target };
}
