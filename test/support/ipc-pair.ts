import type { IpcMainInvokeEvent } from 'electron';
import type { RendererIpc } from '../../shared/ipc/bridge';

// Electron's IPC between one window and main, for tests under plain Node (the Electron binary
// cannot run here): ipcMain.handle / removeHandler on one side, what the preload hands the bridge
// generator on the other. Every argument and answer goes through structuredClone, as Electron's
// IPC serialises them, so that a value IPC cannot carry (a function, a class instance's prototype)
// shows up here too. Only the transport is stood in for: main's handlers and the engine are real.

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export interface IpcPair {
  /** What main registers on (ipcMain's handle/removeHandler). */
  main: { handle(channel: string, handler: Handler): void; removeHandler(channel: string): void };
  /** A window showing `url`: the RendererIpc its preload gives createBridge. */
  window(url: string): RendererIpc & { webContentsId: number; close(): void };
  channels(): string[];
}

export function ipcPair(): IpcPair {
  const handlers = new Map<string, Handler>();
  let nextId = 1;
  return {
    main: {
      handle(channel, handler) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel) => void handlers.delete(channel),
    },
    channels: () => [...handlers.keys()].sort(),
    window(url) {
      const webContentsId = nextId++;
      const listeners = new Map<string, Array<(message: unknown) => void>>();
      const onDestroyed: Array<() => void> = [];
      let destroyed = false;
      const sender = {
        id: webContentsId,
        isDestroyed: () => destroyed,
        send: (channel: string, message: unknown) => {
          const copy = structuredClone(message);
          queueMicrotask(() => listeners.get(channel)?.forEach((listener) => listener(copy)));
        },
        once: (event: string, listener: () => void) => void (event === 'destroyed' && onDestroyed.push(listener)),
      };
      return {
        webContentsId,
        async invoke(channel, ...args) {
          const handler = handlers.get(channel);
          if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
          const event = { senderFrame: { url }, sender } as unknown as IpcMainInvokeEvent;
          return structuredClone(await handler(event, ...structuredClone(args)));
        },
        on(channel, listener) {
          listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
        },
        randomId: () => crypto.randomUUID(),
        close() {
          destroyed = true;
          onDestroyed.splice(0).forEach((listener) => listener());
        },
      };
    },
  };
}
