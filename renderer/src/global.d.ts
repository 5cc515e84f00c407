import type { CounterBridge } from '../../shared/ipc/channels';

declare global {
  interface Window {
    /** Present only in the Electron kiosk, exposed by electron/preload. */
    counter?: CounterBridge;
  }
}
