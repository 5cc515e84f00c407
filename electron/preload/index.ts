import { contextBridge, ipcRenderer } from 'electron';
import type { CounterApi } from '../../shared/counter-api';
import { createBridge, type RendererIpc } from '../../shared/ipc/bridge';
import { counterBridge, type CounterBridge } from '../../shared/ipc/channels';
import {
  CUSTOMER_DISPLAY_ARGUMENT,
  displayBridge,
  kioskBridge,
  type CustomerDisplayApi,
  type DisplayBridge,
  type KioskApi,
  type KioskBridge,
} from '../../shared/ipc/kiosk-channels';

// The sandboxed preload (emitted as one CommonJS file: a sandboxed preload can require nothing of
// its own) of both windows, the only bridge between a page and main, generated from the method
// lists; never ipcRenderer or a channel name (STYLE §6). The clerk's window gets `counter` and
// `counterKiosk`; the customer display's window (main marks it with an argument) `counterDisplay` only.

const ipc: RendererIpc = {
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  // The page's listener gets the message only, never the IpcRendererEvent (its sender is ipcRenderer).
  on: (channel, listener) => void ipcRenderer.on(channel, (_event, message: unknown) => listener(message)),
  randomId: () => crypto.randomUUID(),
};

if (process.argv.includes(CUSTOMER_DISPLAY_ARGUMENT)) {
  contextBridge.exposeInMainWorld(
    'counterDisplay',
    createBridge<CustomerDisplayApi, typeof displayBridge>(displayBridge, ipc) satisfies DisplayBridge,
  );
} else {
  contextBridge.exposeInMainWorld('counter', createBridge<CounterApi, typeof counterBridge>(counterBridge, ipc) satisfies CounterBridge);
  contextBridge.exposeInMainWorld('counterKiosk', createBridge<KioskApi, typeof kioskBridge>(kioskBridge, ipc) satisfies KioskBridge);
}
