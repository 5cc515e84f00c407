import type { IpcMain } from 'electron';
import type { BranchServerSettings, KioskEngineMode } from '../../shared/api/z-branch-server';
import { displayBridge, kioskBridge, type CustomerDisplayApi, type KioskApi } from '../../shared/ipc/kiosk-channels';
import { displayWatchArgs, kioskInvokeArgs, kioskWatchArgs } from '../../shared/ipc/ipc-args';
import type { CustomerDisplayLink } from './customer-display-link';
import { registerBridge, type TrustedSender } from './ipc-handlers';
import type { KioskSession } from './kiosk-session';

type Ipc = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface KioskControl {
  mode(): KioskEngineMode;
  /** Checks, saves and restarts on the branch server (or the embedded engine for null); throws to refuse. */
  switchTo(settings: BranchServerSettings | null): Promise<KioskEngineMode>;
}

/** window.counterKiosk's methods: the engine it uses, who signs in at it, and its customer display. */
export function kioskApi(
  control: KioskControl,
  session: Pick<KioskSession, 'signInClerk' | 'signInWithToken'>,
  link: Pick<CustomerDisplayLink, 'watchDisplayId'>,
): KioskApi {
  return {
    engineMode: async () => control.mode(),
    useBranchServer: (settings) => control.switchTo(settings),
    signInClerk: (name, pin) => session.signInClerk(name, pin),
    signInWithToken: (token) => session.signInWithToken(token),
    watchCustomerDisplay: (listener) =>
      link.watchDisplayId((displayId) => listener({ type: 'display', ...(displayId ? { displayId } : {}) })),
  };
}

/** The kiosk-only IPC (shared/ipc/kiosk-channels.ts): arguments zod-parsed, only the clerk's window heard. */
export const registerKioskIpc = (ipc: Ipc, api: KioskApi, trusted: TrustedSender): (() => void) =>
  registerBridge<KioskApi, typeof kioskBridge>(ipc, kioskBridge, api, { invoke: kioskInvokeArgs, watch: kioskWatchArgs }, trusted);

/** The customer display window's IPC: what it shows, and nothing else; only that window heard. */
export const registerDisplayIpc = (ipc: Ipc, link: CustomerDisplayLink, trusted: TrustedSender): (() => void) =>
  registerBridge<CustomerDisplayApi, typeof displayBridge>(
    ipc,
    displayBridge,
    { watch: (listener) => link.watchState((state) => listener({ type: 'state', state })) },
    { invoke: {}, watch: displayWatchArgs },
    trusted,
  );
