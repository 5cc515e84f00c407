import type { DisplayState } from '../../shared/api/z-display';
import type { Unsubscribe } from '../../shared/counter-api';
import type { DisplayBackend, KioskSession } from './kiosk-session';

// The Electron kiosk's customer display (DESIGN §14): while its window is up, a display of the
// engine is paired with whoever is signed in at the kiosk (by its pairing code, as a browser
// display would be, only without anyone typing it), and what the engine says it shows goes to
// the window. A new sign-in pairs a new display; the clerk's window learns the display's id to
// show its offers on. Pure (engine, session and window handed in): runs under plain Node.

/** Nothing to show: nobody signed in, no display yet, or the engine lost it. The window welcomes. */
export const IDLE_STATE: DisplayState = { paired: true };

export interface CustomerDisplayLink {
  /** The window is up: pair a display and follow it. */
  open(): Promise<void>;
  /** The window went: unpair. */
  close(): Promise<void>;
  /** What the window shows, now and after each change. */
  watchState(listener: (state: DisplayState) => void): Unsubscribe;
  /** The paired display's id (undefined when none), now and after each change: for showOnDisplay. */
  watchDisplayId(listener: (displayId: string | undefined) => void): Unsubscribe;
}

export function createCustomerDisplayLink(
  session: KioskSession,
  displays: DisplayBackend,
  log: (message: string) => void,
): CustomerDisplayLink {
  let wanted = false;
  let paired: { id: string; stop: Unsubscribe } | undefined;
  let state: DisplayState = IDLE_STATE;
  const stateListeners = new Set<(state: DisplayState) => void>();
  const idListeners = new Set<(displayId: string | undefined) => void>();
  const show = (next: DisplayState) => {
    state = next;
    for (const listener of stateListeners) listener(state);
  };
  const tellId = () => {
    for (const listener of idListeners) listener(paired?.id);
  };

  // One step at a time (a sign-in while the window opens, a screen unplugged while pairing).
  let queue: Promise<unknown> = Promise.resolve();
  const serially = (step: () => Promise<void>): Promise<void> => {
    const next = queue.then(step, step);
    queue = next.catch(() => undefined);
    return next;
  };

  const pair = async () => {
    if (!wanted || paired) return;
    // Only for someone who may show offers: a display made for nobody would wait unpaired.
    try {
      await session.api.whoAmI();
    } catch {
      return show(IDLE_STATE);
    }
    try {
      const created = await displays.create();
      await session.api.pairDisplay(created.pairingCode);
      const stop = displays.watch(created, (event) => {
        if (event.type === 'state') show(event.state.paired ? event.state : IDLE_STATE);
        // The engine forgot it (a branch server restarted): pair a new one.
        else if (event.type === 'error' && paired?.id === created.id) void serially(() => drop().then(pair));
      });
      paired = { id: created.id, stop };
      tellId();
    } catch (error) {
      log(`customer display not paired: ${(error as Error).message}`);
      show(IDLE_STATE);
    }
  };
  const drop = async (unpair = false) => {
    const was = paired;
    if (!was) return;
    paired = undefined;
    was.stop();
    tellId();
    show(IDLE_STATE);
    if (unpair) await session.api.unpairDisplay(was.id).catch(() => undefined);
  };

  // Unpaired while the old sign-in can still do it; paired again for the new one.
  session.onChange((change) => serially(() => (change === 'leaving' ? drop(true) : pair())));

  return {
    open: () =>
      serially(async () => {
        wanted = true;
        await pair();
      }),
    close: () =>
      serially(async () => {
        wanted = false;
        await drop(true);
      }),
    watchState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    watchDisplayId(listener) {
      idListeners.add(listener);
      listener(paired?.id);
      return () => idListeners.delete(listener);
    },
  };
}
