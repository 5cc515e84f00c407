import { CounterApiError, type CounterApi } from '../../../shared/counter-api';
import type { CounterBridge, IpcResult } from '../../../shared/ipc/channels';

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new CounterApiError(result.error);
}

/** CounterApi over the Electron preload bridge (`window.counter`). */
export function createIpcCounterApi(bridge: CounterBridge): CounterApi {
  return {
    listConfigurations: async () => unwrap(await bridge.listConfigurations()),
    createOffer: async (request) => unwrap(await bridge.createOffer(request)),
    getOffer: async (id) => unwrap(await bridge.getOffer(id)),
    listOffers: async (query) => unwrap(await bridge.listOffers(query)),
    cancelOffer: async (id) => unwrap(await bridge.cancelOffer(id)),
    extendOffer: async (id) => unwrap(await bridge.extendOffer(id)),
    watchOffer: (id, listener) => bridge.watchOffer(id, listener),
    listEvents: async (query) => unwrap(await bridge.listEvents(query)),
    getSettings: async () => unwrap(await bridge.getSettings()),
    listIacas: async () => unwrap(await bridge.listIacas()),
    listAuthorizations: async (query) => unwrap(await bridge.listAuthorizations(query)),
    watchAuthorizations: (listener) => bridge.watchAuthorizations(listener),
    approveAuthorization: async (id, claims) => unwrap(await bridge.approveAuthorization(id, claims)),
    rejectAuthorization: async (id) => unwrap(await bridge.rejectAuthorization(id)),
    createCodeOffer: async (request) => unwrap(await bridge.createCodeOffer(request)),
    listCodeOffers: async () => unwrap(await bridge.listCodeOffers()),
    revokeCodeOffer: async (id) => unwrap(await bridge.revokeCodeOffer(id)),
    whoAmI: async () => unwrap(await bridge.whoAmI()),
    signOut: async () => unwrap(await bridge.signOut()),
    listClerks: async () => unwrap(await bridge.listClerks()),
    createClerk: async (name, pin) => unwrap(await bridge.createClerk(name, pin)),
    setClerkPin: async (id, pin) => unwrap(await bridge.setClerkPin(id, pin)),
    removeClerk: async (id) => unwrap(await bridge.removeClerk(id)),
    pairDisplay: async (code) => unwrap(await bridge.pairDisplay(code)),
    showOnDisplay: async (id, what) => unwrap(await bridge.showOnDisplay(id, what)),
    clearDisplay: async (id) => unwrap(await bridge.clearDisplay(id)),
    unpairDisplay: async (id) => unwrap(await bridge.unpairDisplay(id)),
    listTrustIacas: async () => unwrap(await bridge.listTrustIacas()),
    registerIaca: async (pem) => unwrap(await bridge.registerIaca(pem)),
    setIacaActive: async (id, active) => unwrap(await bridge.setIacaActive(id, active)),
    listDocumentSigners: async () => unwrap(await bridge.listDocumentSigners()),
    createDocumentSigner: async (iacaId) => unwrap(await bridge.createDocumentSigner(iacaId)),
    installDocumentSignerCertificate: async (id, pem) => unwrap(await bridge.installDocumentSignerCertificate(id, pem)),
  };
}
