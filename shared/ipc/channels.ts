import type { CounterApi, CounterApiErrorInfo, OfferWatchEvent, Unsubscribe } from '../counter-api';

// The IPC contract between electron/preload and electron/main (STYLE §6). The renderer sees only
// `window.counter` (a CounterBridge); channel strings stay between preload and main. This file
// has no runtime imports so that the sandboxed preload stays a small self-contained script.

/** CounterApi methods that are one request and one answer. */
export type InvokeMethod = Exclude<keyof CounterApi, 'watchOffer'>;

export const invokeMethods = [
  'listConfigurations',
  'createOffer',
  'getOffer',
  'listOffers',
  'cancelOffer',
  'listEvents',
  'getSettings',
  'listIacas',
] as const satisfies readonly InvokeMethod[];

// Compile-time check that invokeMethods lists every InvokeMethod.
type Missing = Exclude<InvokeMethod, (typeof invokeMethods)[number]>;
const _complete: Missing extends never ? true : Missing = true;

export const invokeChannel = (method: InvokeMethod): string => `counter:${method}`;

/** watchOffer: preload picks a subscription id, main streams events back on offerEventChannel. */
export const watchChannel = 'counter:watch-offer';
export const unwatchChannel = 'counter:unwatch-offer';
export const offerEventChannel = 'counter:offer-event';

export interface OfferEventMessage {
  subscriptionId: string;
  event: OfferWatchEvent;
}

/** Errors lose their fields in ipcRenderer.invoke, so answers travel in an envelope. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: CounterApiErrorInfo };

/** What the preload exposes as `window.counter`. */
export type CounterBridge = {
  [K in InvokeMethod]: (...args: Parameters<CounterApi[K]>) => Promise<IpcResult<Awaited<ReturnType<CounterApi[K]>>>>;
} & {
  watchOffer(id: string, listener: (event: OfferWatchEvent) => void): Unsubscribe;
};
