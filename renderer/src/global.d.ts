import type { CounterBridge } from '../../shared/ipc/channels';
import type { DisplayBridge, KioskBridge } from '../../shared/ipc/kiosk-channels';

declare global {
  interface Window {
    /** Present only in the Electron kiosk, exposed by electron/preload. */
    counter?: CounterBridge;
    /** The kiosk's own settings (branch server), Electron only. */
    counterKiosk?: KioskBridge;
    /** The customer display window's bridge (Electron's second screen, DESIGN §14). */
    counterDisplay?: DisplayBridge;
  }
}
