import type { BranchServerSettings, KioskEngineMode } from '../api/z-branch-server';
import type { WhoAmI } from '../api/z-clerk';
import type { CounterApiErrorInfo, Unsubscribe } from '../counter-api';
import type { DisplayWatchEvent } from '../http/display-client';
import type { BridgeOf, BridgeSpec } from './bridge';

// The kiosk's own IPC, apart from the CounterApi (which the browser has too): which engine it uses
// (DESIGN §13), who signs in at it (DESIGN §8, §14; the session stays in main, never in the page),
// and its customer display on a second screen (DESIGN §14). No runtime imports (see ./bridge).

/** Whether the kiosk's customer display is up on a second screen, and which display of the engine it is. */
export type CustomerDisplayEvent =
  | { type: 'display'; displayId?: string }
  /** The watch stopped for good; no more events follow. */
  | { type: 'error'; error: CounterApiErrorInfo };

export interface KioskApi {
  engineMode(): Promise<KioskEngineMode>;
  /**
   * Checks that the server answers and takes the token, saves both and restarts the kiosk on that
   * server; `null` goes back to the embedded engine. A refusal (unreachable, 401) changes nothing.
   */
  useBranchServer(settings: BranchServerSettings | null): Promise<KioskEngineMode>;
  /** A clerk signs in at this kiosk; `window.counter` then acts as that clerk until its signOut(). */
  signInClerk(name: string, pin: string): Promise<WhoAmI>;
  /** IT signs in with an API token (the admin screens, DESIGN §8); until signOut(). */
  signInWithToken(token: string): Promise<WhoAmI>;
  /** The customer display's id now and after every change (a screen added or removed, a new sign-in). */
  watchCustomerDisplay(listener: (event: CustomerDisplayEvent) => void): Unsubscribe;
}

/** The `kiosk` bridge: channels `kiosk:<method>`. */
export const kioskBridge = {
  name: 'kiosk',
  invoke: ['engineMode', 'useBranchServer', 'signInClerk', 'signInWithToken'],
  watch: ['watchCustomerDisplay'],
} as const satisfies BridgeSpec<KioskApi>;

/** What the preload exposes as `window.counterKiosk` (Electron only). */
export type KioskBridge = BridgeOf<KioskApi, typeof kioskBridge>;

/** The customer display window's only way in: what to show (never the clerk's API). */
export interface CustomerDisplayApi {
  watch(listener: (event: DisplayWatchEvent) => void): Unsubscribe;
}

/** Main starts the customer display's window with this argument; its preload then exposes only `counterDisplay`. */
export const CUSTOMER_DISPLAY_ARGUMENT = '--counter-customer-display';

/** The `display` bridge, for the second window: channels `display:<method>`. */
export const displayBridge = { name: 'display', invoke: [], watch: ['watch'] } as const satisfies BridgeSpec<CustomerDisplayApi>;

/** What the customer display window's preload exposes as `window.counterDisplay`. */
export type DisplayBridge = BridgeOf<CustomerDisplayApi, typeof displayBridge>;

// Compile-time checks that the lists name every method.
type Missing<Api, S extends BridgeSpec<Api>> = Exclude<keyof Api, S['invoke'][number] | S['watch'][number]>;
const _completeKiosk: Missing<KioskApi, typeof kioskBridge> extends never ? true : Missing<KioskApi, typeof kioskBridge> = true;
const _completeDisplay: Missing<CustomerDisplayApi, typeof displayBridge> extends never ? true : never = true;
