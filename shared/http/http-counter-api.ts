import type { ClerkSession } from '../api/z-clerk';
import { type CounterApi } from '../counter-api';
import { createRouteClient, type FetchLike, type RouteClient } from './route-client';
import { watchAuthorizationsStream } from './watch-authorizations-stream';
import { watchOfferStream } from './watch-offer-stream';

export type { FetchLike } from './route-client';

export interface HttpCounterApiOptions {
  /** The engine's origin, e.g. window.location.origin. */
  baseUrl: string;
  /** A management API token (DESIGN §3). */
  token: string;
  fetch?: FetchLike;
}

/**
 * CounterApi over the engine's HTTP management API (DESIGN §3): the browser in headless mode.
 * Each method names its route in the table; paths, methods and answer schemas come from there.
 * DOM-free: fetch, streams and zod only.
 */
export function createHttpCounterApi({
  baseUrl,
  token,
  fetch: fetchFn = (input, init) => fetch(input, init),
}: HttpCounterApiOptions): CounterApi {
  const { call, open } = createRouteClient({ baseUrl, token, fetch: fetchFn });
  return counterApiOverRoutes(call, {
    watchOffer: (id, listener) =>
      watchOfferStream({ listener, open: (signal) => open('watchPreAuthorizedOffer', { params: { id } }, signal) }),
    watchAuthorizations: (listener) => watchAuthorizationsStream({ listener, open: (signal) => open('watchAuthorizations', {}, signal) }),
  });
}

/** The live watches, which each transport follows its own way (an event stream, or in-process). */
export type CounterApiWatches = Pick<CounterApi, 'watchOffer' | 'watchAuthorizations'>;

/**
 * Every other CounterApi method as a call of its route in the table (DESIGN §8): over HTTP here,
 * and in-process in the Electron kiosk (electron/engine/in-process), so that both answer alike.
 */
export function counterApiOverRoutes(call: RouteClient['call'], watches: CounterApiWatches): CounterApi {
  return {
    ...watches,
    listConfigurations: async () => (await call('listConfigurations', {})).data,
    createOffer: (request) => call('createPreAuthorizedOffer', { body: request }),
    getOffer: (id) => call('getPreAuthorizedOffer', { params: { id } }),
    listOffers: (query) => call('listPreAuthorizedOffers', { query }),
    cancelOffer: (id) => call('cancelPreAuthorizedOffer', { params: { id } }),
    extendOffer: (id) => call('extendPreAuthorizedOffer', { params: { id } }),
    listEvents: (query) => call('listEvents', { query }),
    getSettings: () => call('getCounterSettings', {}),
    listIacas: async () => (await call('iacas', {})).iacas,
    listAuthorizations: (query) => call('listAuthorizations', { query }),
    approveAuthorization: (id, claims) => call('approveAuthorization', { params: { id }, body: { claims } }),
    rejectAuthorization: (id) => call('rejectAuthorization', { params: { id } }),
    createCodeOffer: (request) => call('createCodeOffer', { body: request }),
    listCodeOffers: async () => (await call('listCodeOffers', {})).data,
    revokeCodeOffer: (id) => call('revokeCodeOffer', { params: { id } }),
    whoAmI: () => call('whoAmI', {}),
    signOut: () => call('signOutClerk', {}),
    listClerks: async () => (await call('listClerks', {})).data,
    createClerk: (name, pin) => call('createClerk', { body: { name, pin } }),
    setClerkPin: (id, pin) => call('setClerkPin', { params: { id }, body: { pin } }),
    removeClerk: (id) => call('removeClerk', { params: { id } }),
    pairDisplay: (pairingCode) => call('pairDisplay', { body: { pairingCode } }),
    showOnDisplay: (id, what) => call('showOnDisplay', { params: { id }, body: what }),
    clearDisplay: (id) => call('clearDisplay', { params: { id } }),
    unpairDisplay: (id) => call('unpairDisplay', { params: { id } }),
    listTrustIacas: async () => (await call('listIacas', {})).data,
    registerIaca: (certificatePem) => call('createIaca', { body: { certificatePem } }),
    setIacaActive: (id, active) => call('updateIaca', { params: { id }, body: { active } }),
    listDocumentSigners: async () => (await call('listDocumentSigners', {})).data,
    createDocumentSigner: (iacaId) => call('createDocumentSigner', { body: { iacaId } }),
    installDocumentSignerCertificate: (id, certificatePem) => call('updateDocumentSigner', { params: { id }, body: { certificatePem } }),
    listStatusListSigners: async () => (await call('listStatusListSigners', {})).data,
    createStatusListSigner: (iacaId) => call('createStatusListSigner', { body: { iacaId } }),
    installStatusListSignerCertificate: (id, certificatePem) =>
      call('updateStatusListSigner', { params: { id }, body: { certificatePem } }),
    listIssuedCredentials: (query) => call('listIssuedCredentials', { query }),
    setCredentialStatus: (credentialId, status, reason) =>
      call('setCredentialStatus', { params: { credentialId }, body: { status, ...(reason ? { reason } : {}) } }),
    getStatusLists: () => call('getStatusListOverview', {}),
    setStatusListSignWith: (signWith) => call('updateStatusListSettings', { body: { signWith } }),
    getWalletPolicy: () => call('getWalletPolicy', {}),
    updateWalletPolicy: (policy) => call('updateWalletPolicy', { body: policy }),
    listWalletProviders: async () => (await call('listWalletProviders', {})).data,
    createWalletProvider: (request) => call('createWalletProvider', { body: request }),
    deleteWalletProvider: (id) => call('deleteWalletProvider', { params: { id } }),
  };
}

/** A clerk's sign-in (a public route): name and PIN → a session token with the issuer role. */
export function signInClerk(options: { baseUrl: string; fetch?: FetchLike }, name: string, pin: string): Promise<ClerkSession> {
  const { call } = createRouteClient({ baseUrl: options.baseUrl, fetch: options.fetch ?? ((input, init) => fetch(input, init)) });
  return call('signInClerk', { body: { name, pin } });
}
