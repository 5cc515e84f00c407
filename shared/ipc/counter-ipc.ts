import { z } from 'zod';
import { zCreatePreAuthorizedOfferRequest, zOfferStatus } from '../api/z-pre-authorized-offer';
import type { CounterApi, CounterApiErrorInfo, OfferWatchEvent, Unsubscribe } from '../counter-api';

// The IPC contract between electron/preload and electron/main (STYLE §6). The renderer sees only
// `window.counter` (a CounterBridge); channel strings stay between preload and main.

/** CounterApi methods that are one request and one answer. */
export type InvokeMethod = Exclude<keyof CounterApi, 'watchOffer'>;

/** Errors do not survive ipcRenderer.invoke with their fields, so answers travel in an envelope. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: CounterApiErrorInfo };

/** What the preload exposes as `window.counter`. */
export type CounterBridge = {
  [K in InvokeMethod]: (...args: Parameters<CounterApi[K]>) => Promise<IpcResult<Awaited<ReturnType<CounterApi[K]>>>>;
} & {
  watchOffer(id: string, listener: (event: OfferWatchEvent) => void): Unsubscribe;
};

const zLimit = z.number().int().min(1).max(100);
const zCursor = z.string().min(1).max(200);

/** Argument lists, parsed in main before anything reaches the engine. */
export const invokeArgs = {
  listConfigurations: z.tuple([]),
  createOffer: z.tuple([zCreatePreAuthorizedOfferRequest]),
  getOffer: z.tuple([z.uuid()]),
  listOffers: z.tuple([z.strictObject({ status: zOfferStatus.optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional()]),
  cancelOffer: z.tuple([z.uuid()]),
  listEvents: z.tuple([z.strictObject({ type: z.string().min(1).max(100).optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional()]),
  getSettings: z.tuple([]),
  listIacas: z.tuple([]),
} satisfies { [K in InvokeMethod]: z.ZodType<Parameters<CounterApi[K]>> };

export const invokeMethods = Object.keys(invokeArgs) as InvokeMethod[];

export const invokeChannel = (method: InvokeMethod): string => `counter:${method}`;

/** watchOffer: preload picks a subscription id, main streams events back on `offerEventChannel`. */
export const watchChannel = 'counter:watch-offer';
export const unwatchChannel = 'counter:unwatch-offer';
export const offerEventChannel = 'counter:offer-event';

export const zWatchArgs = z.tuple([z.uuid(), z.uuid()]); // [subscriptionId, offerId]
export const zUnwatchArgs = z.tuple([z.uuid()]); // [subscriptionId]

export interface OfferEventMessage {
  subscriptionId: string;
  event: OfferWatchEvent;
}
