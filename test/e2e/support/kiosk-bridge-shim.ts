import type { CounterApi } from '../../../shared/counter-api';
import { createBridge, type RendererIpc } from '../../../shared/ipc/bridge';
import { counterBridge } from '../../../shared/ipc/channels';
import { displayBridge, kioskBridge, type CustomerDisplayApi, type KioskApi } from '../../../shared/ipc/kiosk-channels';

// What electron/preload/index.ts does, in a plain Chromium page: the same generated bridges, with
// Playwright bindings standing in for ipcRenderer (kiosk-in-chromium.ts is the other end).

interface ShimWindow {
  __kioskInvoke(channel: string, args: unknown[]): Promise<unknown>;
  __kioskListen(channel: string): Promise<void>;
  __kioskDeliver?: (channel: string, message: unknown) => void;
  __kioskWindow?: 'clerk' | 'display';
  counter?: unknown;
  counterKiosk?: unknown;
  counterDisplay?: unknown;
}
const page = window as unknown as ShimWindow;
const listeners = new Map<string, Array<(message: unknown) => void>>();
page.__kioskDeliver = (channel, message) => listeners.get(channel)?.forEach((listener) => listener(message));
const ipc: RendererIpc = {
  invoke: (channel, ...args) => page.__kioskInvoke(channel, args),
  on(channel, listener) {
    listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    void page.__kioskListen(channel);
  },
  randomId: () => crypto.randomUUID(),
};
if (page.__kioskWindow === 'display') {
  page.counterDisplay = Object.freeze(createBridge<CustomerDisplayApi, typeof displayBridge>(displayBridge, ipc));
} else {
  page.counter = Object.freeze(createBridge<CounterApi, typeof counterBridge>(counterBridge, ipc));
  page.counterKiosk = Object.freeze(createBridge<KioskApi, typeof kioskBridge>(kioskBridge, ipc));
}
