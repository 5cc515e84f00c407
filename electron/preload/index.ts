import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CounterApiErrorInfo, OfferWatchEvent } from '../../shared/counter-api';
import { invokeChannel, offerEventChannel, unwatchChannel, watchChannel, type CounterBridge, type IpcResult, type OfferEventMessage } from '../../shared/ipc/channels';

// Sandboxed preload (emitted as CommonJS): the only bridge between the UI and main. It exposes a
// narrow `counter` object, never ipcRenderer or a channel name (STYLE §6).

const counter = {
  listConfigurations: () => ipcRenderer.invoke(invokeChannel('listConfigurations')),
  createOffer: (request) => ipcRenderer.invoke(invokeChannel('createOffer'), request),
  getOffer: (id) => ipcRenderer.invoke(invokeChannel('getOffer'), id),
  listOffers: (query) => ipcRenderer.invoke(invokeChannel('listOffers'), query),
  cancelOffer: (id) => ipcRenderer.invoke(invokeChannel('cancelOffer'), id),
  listEvents: (query) => ipcRenderer.invoke(invokeChannel('listEvents'), query),
  getSettings: () => ipcRenderer.invoke(invokeChannel('getSettings')),
  listIacas: () => ipcRenderer.invoke(invokeChannel('listIacas')),
  watchOffer(id: string, listener: (event: OfferWatchEvent) => void) {
    const subscriptionId = crypto.randomUUID();
    const onMessage = (_event: IpcRendererEvent, message: OfferEventMessage): void => {
      if (message.subscriptionId === subscriptionId) listener(message.event);
    };
    ipcRenderer.on(offerEventChannel, onMessage);
    void ipcRenderer.invoke(watchChannel, subscriptionId, id).then((result: IpcResult<undefined>) => {
      if (!result.ok) listener({ type: 'error', error: result.error satisfies CounterApiErrorInfo });
    });
    return () => {
      ipcRenderer.off(offerEventChannel, onMessage);
      void ipcRenderer.invoke(unwatchChannel, subscriptionId);
    };
  },
} satisfies CounterBridge;

contextBridge.exposeInMainWorld('counter', counter);
