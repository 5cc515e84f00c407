import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CounterApiErrorInfo, Unsubscribe } from '../../shared/counter-api';
import {
  invokeChannel,
  unwatchChannel,
  watchChannel,
  watchEventChannel,
  type CounterBridge,
  type IpcResult,
  type WatchEvent,
  type WatchEventMessage,
  type WatchMethod,
} from '../../shared/ipc/channels';
import { kioskChannels, type KioskBridge } from '../../shared/ipc/kiosk-channels';

// Sandboxed preload (emitted as CommonJS): the only bridge between the UI and main. It exposes a
// narrow `counter` object, never ipcRenderer or a channel name (STYLE §6).

/** Starts one watch in main and hands its events (and a refusal, as an error event) to `listener`. */
function watch<E extends WatchEvent>(method: WatchMethod, args: unknown[], listener: (event: E) => void): Unsubscribe {
  const subscriptionId = crypto.randomUUID();
  const onMessage = (_event: IpcRendererEvent, message: WatchEventMessage): void => {
    if (message.subscriptionId === subscriptionId) listener(message.event as E);
  };
  ipcRenderer.on(watchEventChannel, onMessage);
  void ipcRenderer.invoke(watchChannel(method), subscriptionId, ...args).then((result: IpcResult<undefined>) => {
    if (!result.ok) listener({ type: 'error', error: result.error satisfies CounterApiErrorInfo } as E);
  });
  return () => {
    ipcRenderer.off(watchEventChannel, onMessage);
    void ipcRenderer.invoke(unwatchChannel, subscriptionId);
  };
}

const counter = {
  listConfigurations: () => ipcRenderer.invoke(invokeChannel('listConfigurations')),
  createOffer: (request) => ipcRenderer.invoke(invokeChannel('createOffer'), request),
  getOffer: (id) => ipcRenderer.invoke(invokeChannel('getOffer'), id),
  listOffers: (query) => ipcRenderer.invoke(invokeChannel('listOffers'), query),
  cancelOffer: (id) => ipcRenderer.invoke(invokeChannel('cancelOffer'), id),
  extendOffer: (id) => ipcRenderer.invoke(invokeChannel('extendOffer'), id),
  listEvents: (query) => ipcRenderer.invoke(invokeChannel('listEvents'), query),
  getSettings: () => ipcRenderer.invoke(invokeChannel('getSettings')),
  listIacas: () => ipcRenderer.invoke(invokeChannel('listIacas')),
  listAuthorizations: (query) => ipcRenderer.invoke(invokeChannel('listAuthorizations'), query),
  approveAuthorization: (id, claims) => ipcRenderer.invoke(invokeChannel('approveAuthorization'), id, claims),
  rejectAuthorization: (id) => ipcRenderer.invoke(invokeChannel('rejectAuthorization'), id),
  createCodeOffer: (request) => ipcRenderer.invoke(invokeChannel('createCodeOffer'), request),
  listCodeOffers: () => ipcRenderer.invoke(invokeChannel('listCodeOffers')),
  revokeCodeOffer: (id) => ipcRenderer.invoke(invokeChannel('revokeCodeOffer'), id),
  whoAmI: () => ipcRenderer.invoke(invokeChannel('whoAmI')),
  signOut: () => ipcRenderer.invoke(invokeChannel('signOut')),
  listClerks: () => ipcRenderer.invoke(invokeChannel('listClerks')),
  createClerk: (name, pin) => ipcRenderer.invoke(invokeChannel('createClerk'), name, pin),
  setClerkPin: (id, pin) => ipcRenderer.invoke(invokeChannel('setClerkPin'), id, pin),
  removeClerk: (id) => ipcRenderer.invoke(invokeChannel('removeClerk'), id),
  pairDisplay: (code) => ipcRenderer.invoke(invokeChannel('pairDisplay'), code),
  showOnDisplay: (id, what) => ipcRenderer.invoke(invokeChannel('showOnDisplay'), id, what),
  clearDisplay: (id) => ipcRenderer.invoke(invokeChannel('clearDisplay'), id),
  unpairDisplay: (id) => ipcRenderer.invoke(invokeChannel('unpairDisplay'), id),
  listTrustIacas: () => ipcRenderer.invoke(invokeChannel('listTrustIacas')),
  registerIaca: (pem) => ipcRenderer.invoke(invokeChannel('registerIaca'), pem),
  setIacaActive: (id, active) => ipcRenderer.invoke(invokeChannel('setIacaActive'), id, active),
  listDocumentSigners: () => ipcRenderer.invoke(invokeChannel('listDocumentSigners')),
  createDocumentSigner: (iacaId) => ipcRenderer.invoke(invokeChannel('createDocumentSigner'), iacaId),
  installDocumentSignerCertificate: (id, pem) => ipcRenderer.invoke(invokeChannel('installDocumentSignerCertificate'), id, pem),
  watchOffer: (id, listener) => watch('watchOffer', [id], listener),
  watchAuthorizations: (listener) => watch('watchAuthorizations', [], listener),
} satisfies CounterBridge;

// The kiosk's own settings (DESIGN §13: a branch server instead of the embedded engine).
const counterKiosk = {
  engineMode: () => ipcRenderer.invoke(kioskChannels.engineMode),
  useBranchServer: (settings) => ipcRenderer.invoke(kioskChannels.useBranchServer, settings),
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('counter', counter);
contextBridge.exposeInMainWorld('counterKiosk', counterKiosk);
