import type { BranchServerSettings, KioskEngineMode } from '../api/z-branch-server';
import type { IpcResult } from './channels';

// The kiosk's own settings over IPC (DESIGN §13: a branch server instead of the embedded engine),
// apart from the CounterApi, which the browser has too. No runtime imports (see ./channels).

export const kioskChannels = {
  engineMode: 'kiosk:engineMode',
  useBranchServer: 'kiosk:useBranchServer',
} as const;

/** What the preload exposes as `window.counterKiosk` (Electron only). */
export interface KioskBridge {
  engineMode(): Promise<IpcResult<KioskEngineMode>>;
  /**
   * Checks that the server answers and takes the token, saves both and restarts the kiosk on that
   * server; `null` goes back to the embedded engine. A refusal (unreachable, 401) changes nothing.
   */
  useBranchServer(settings: BranchServerSettings | null): Promise<IpcResult<KioskEngineMode>>;
}
