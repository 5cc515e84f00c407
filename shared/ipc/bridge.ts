import type { CounterApiErrorInfo, Unsubscribe } from '../counter-api';

// One generator for every bridge between the Electron main process and a window (STYLE §6): the
// preload builds the object it exposes from a spec's method lists (createBridge), main answers the
// same lists (electron/main/ipc-bridge.ts), and the renderer turns the bridge back into the API
// (./bridge-client.ts). A method named in the list is on all three; nothing is written per method.
// No runtime imports: the sandboxed preload bundles this file as it is.

/** A bridge: its name (the channels' prefix) and which methods are one call and which are live watches. */
export interface BridgeSpec<Api> {
  name: string;
  invoke: readonly (keyof Api & string)[];
  /** Methods whose last argument is a listener and which return their Unsubscribe. */
  watch: readonly (keyof Api & string)[];
}

/** Errors lose their fields in ipcRenderer.invoke, so answers travel in an envelope. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: CounterApiErrorInfo };

/** The bridge object for an API: each call answers an IpcResult, each watch is the API's own. */
export type Bridge<Api, I extends keyof Api, W extends keyof Api> = {
  [K in I]: Api[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<IpcResult<R>> : never;
} & { [K in W]: Api[K] };

/** The bridge a spec describes. */
export type BridgeOf<Api, S extends BridgeSpec<Api>> = Bridge<Api, S['invoke'][number], S['watch'][number]>;

export const callChannel = (bridge: string, method: string): string => `${bridge}:${method}`;
export const unwatchChannel = (bridge: string): string => `${bridge}:unwatch`;
export const watchEventChannel = (bridge: string): string => `${bridge}:watch-event`;

/**
 * A watch: the preload picks a subscription id and asks main on the method's channel with it
 * first; main sends the events on the bridge's watch-event channel until unwatch, or the window goes.
 */
export interface WatchEventMessage {
  subscriptionId: string;
  event: unknown;
}

/** What the preload hands the generator. The page never sees it, nor any channel name. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  /** Listens to a channel, giving the listener the message only (never the IpcRendererEvent). */
  on(channel: string, listener: (message: unknown) => void): void;
  randomId(): string;
}

/** The object the preload exposes for `spec`: one function per method in its lists. */
export function createBridge<Api, S extends BridgeSpec<Api>>(spec: S, ipc: RendererIpc): BridgeOf<Api, S> {
  const bridge: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of spec.invoke) bridge[method] = (...args) => ipc.invoke(callChannel(spec.name, method), ...args);

  // One channel listener for all of this bridge's watches, each found by its subscription id.
  const listeners = new Map<string, (event: unknown) => void>();
  let listening = false;
  for (const method of spec.watch) {
    bridge[method] = (...args) => {
      const listener = args.at(-1);
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a listener as its last argument`);
      if (!listening) {
        listening = true;
        ipc.on(watchEventChannel(spec.name), (message) => {
          const { subscriptionId, event } = message as WatchEventMessage;
          listeners.get(subscriptionId)?.(event);
        });
      }
      const subscriptionId = ipc.randomId();
      listeners.set(subscriptionId, listener as (event: unknown) => void);
      void ipc.invoke(callChannel(spec.name, method), subscriptionId, ...args.slice(0, -1)).then((answer) => {
        const result = answer as IpcResult<undefined>;
        // Refused (bad arguments, untrusted frame): the watch's own error event, and no more.
        if (!result.ok && listeners.delete(subscriptionId)) (listener as (event: unknown) => void)({ type: 'error', error: result.error });
      });
      const stop: Unsubscribe = () => {
        if (listeners.delete(subscriptionId)) void ipc.invoke(unwatchChannel(spec.name), subscriptionId);
      };
      return stop;
    };
  }
  return bridge as BridgeOf<Api, S>;
}
