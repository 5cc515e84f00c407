import type { CounterBridge } from '../../shared/ipc/channels';
import type { KioskBridge } from '../../shared/ipc/kiosk-channels';

declare global {
  interface Window {
    /** Present only in the Electron kiosk, exposed by electron/preload. */
    counter?: CounterBridge;
    /** The kiosk's own settings (branch server), Electron only. */
    counterKiosk?: KioskBridge;
  }
}
