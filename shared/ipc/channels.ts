import type { AuthorizationsWatchEvent, CounterApi, CounterApiErrorInfo, OfferWatchEvent } from '../counter-api';

// The IPC contract between electron/preload and electron/main (STYLE §6). The renderer sees only
// `window.counter` (a CounterBridge); channel strings stay between preload and main. This file
// has no runtime imports so that the sandboxed preload stays a small self-contained script.

/** CounterApi methods that stream events until unsubscribed. */
export type WatchMethod = 'watchOffer' | 'watchAuthorizations';
/** CounterApi methods that are one request and one answer. */
export type InvokeMethod = Exclude<keyof CounterApi, WatchMethod>;

export const invokeMethods = [
  'listConfigurations',
  'createOffer',
  'getOffer',
  'listOffers',
  'cancelOffer',
  'extendOffer',
  'listEvents',
  'getSettings',
  'listIacas',
  'listAuthorizations',
  'approveAuthorization',
  'rejectAuthorization',
  'createCodeOffer',
  'listCodeOffers',
  'revokeCodeOffer',
  'whoAmI',
  'signOut',
  'listClerks',
  'createClerk',
  'setClerkPin',
  'removeClerk',
  'pairDisplay',
  'showOnDisplay',
  'clearDisplay',
  'unpairDisplay',
  'listTrustIacas',
  'registerIaca',
  'setIacaActive',
  'listDocumentSigners',
  'createDocumentSigner',
  'installDocumentSignerCertificate',
] as const satisfies readonly InvokeMethod[];

export const watchMethods = ['watchOffer', 'watchAuthorizations'] as const satisfies readonly WatchMethod[];

// Compile-time checks that the two lists name every CounterApi method.
type MissingInvoke = Exclude<InvokeMethod, (typeof invokeMethods)[number]>;
const _completeInvoke: MissingInvoke extends never ? true : MissingInvoke = true;
type MissingWatch = Exclude<WatchMethod, (typeof watchMethods)[number]>;
const _completeWatch: MissingWatch extends never ? true : MissingWatch = true;

export const invokeChannel = (method: InvokeMethod): string => `counter:${method}`;

/**
 * Watches: preload picks a subscription id and asks main on watchChannel(method); main streams the
 * events back on watchEventChannel until unwatchChannel or the window goes.
 */
export const watchChannel = (method: WatchMethod): string => `counter:${method}`;
export const unwatchChannel = 'counter:unwatch';
export const watchEventChannel = 'counter:watch-event';

export type WatchEvent = OfferWatchEvent | AuthorizationsWatchEvent;

export interface WatchEventMessage {
  subscriptionId: string;
  event: WatchEvent;
}

/** Errors lose their fields in ipcRenderer.invoke, so answers travel in an envelope. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: CounterApiErrorInfo };

/** What the preload exposes as `window.counter`. */
export type CounterBridge = {
  [K in InvokeMethod]: (...args: Parameters<CounterApi[K]>) => Promise<IpcResult<Awaited<ReturnType<CounterApi[K]>>>>;
} & {
  [K in WatchMethod]: CounterApi[K];
};
