import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { z } from 'zod';
import { errorInfo, type CounterApi, type CounterApiErrorInfo, type Unsubscribe } from '../../shared/counter-api';
import {
  invokeChannel,
  invokeMethods,
  unwatchChannel,
  watchChannel,
  watchEventChannel,
  watchMethods,
  type IpcResult,
  type WatchEvent,
  type WatchEventMessage,
  type WatchMethod,
} from '../../shared/ipc/channels';
import { invokeArgs, watchArgs, zUnwatchArgs } from '../../shared/ipc/ipc-args';

type Ipc = Pick<IpcMain, 'handle' | 'removeHandler'>;
type Sender = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

const refused = (message: string, status = 400): { ok: false; error: CounterApiErrorInfo } => ({
  ok: false,
  error: { status, code: status === 403 ? 'Forbidden' : 'InvalidIpcArguments', message },
});

/**
 * Answers the preload's calls with `api` (STYLE §6): every argument list is zod-parsed, every
 * answer is an IpcResult, and only frames showing our own UI are heard (Electron security
 * checklist §17: validate the sender of all IPC messages).
 */
export function registerCounterIpc(ipc: Ipc, api: CounterApi, isTrustedFrame: (url: string) => boolean): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedFrame(event.senderFrame?.url ?? '');

  for (const method of invokeMethods) {
    ipc.handle(invokeChannel(method), async (event, ...raw: unknown[]): Promise<IpcResult<unknown>> => {
      if (!trusted(event)) return refused('IPC from an untrusted frame', 403);
      const args = invokeArgs[method].safeParse(raw);
      if (!args.success)
        return refused(
          `Invalid arguments for ${method}: ${args.error.issues.map((i) => `${i.path.join('.') || '(arguments)'} ${i.message}`).join('; ')}`,
        );
      try {
        const call = api[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await call(...args.data) };
      } catch (error) {
        return { ok: false, error: errorInfo(error) };
      }
    });
  }

  // Live watches (offer status, pending authorizations): one engine watch per subscription, ended
  // by unwatch or when the window goes.
  const watches = new Map<string, { senderId: number; stop: Unsubscribe }>();
  const stop = (subscriptionId: string): void => {
    watches.get(subscriptionId)?.stop();
    watches.delete(subscriptionId);
  };
  const startWatch: { [K in WatchMethod]: (args: z.output<(typeof watchArgs)[K]>, listener: (event: WatchEvent) => void) => Unsubscribe } =
    {
      watchOffer: ([, offerId], listener) => api.watchOffer(offerId, listener),
      watchAuthorizations: (_args, listener) => api.watchAuthorizations(listener),
    };

  for (const method of watchMethods) {
    ipc.handle(watchChannel(method), (event, ...raw: unknown[]): IpcResult<undefined> => {
      if (!trusted(event)) return refused('IPC from an untrusted frame', 403);
      const args = watchArgs[method].safeParse(raw);
      if (!args.success) return refused(`Invalid arguments for ${method}`);
      const subscriptionId = args.data[0];
      if (watches.has(subscriptionId)) return refused('Subscription id already in use');
      const sender: Sender = event.sender;
      const send = (message: WatchEventMessage): void => {
        if (!sender.isDestroyed()) sender.send(watchEventChannel, message);
      };
      const start = startWatch[method] as (a: typeof args.data, l: (e: WatchEvent) => void) => Unsubscribe;
      watches.set(subscriptionId, { senderId: sender.id, stop: start(args.data, (e) => send({ subscriptionId, event: e })) });
      sender.once('destroyed', () => stop(subscriptionId));
      return { ok: true, value: undefined };
    });
  }

  ipc.handle(unwatchChannel, (event, ...raw: unknown[]): IpcResult<undefined> => {
    const args = zUnwatchArgs.safeParse(raw);
    if (!args.success) return refused('Invalid arguments for unwatch');
    // Only the window that started a watch may end it.
    if (watches.get(args.data[0])?.senderId === event.sender.id) stop(args.data[0]);
    return { ok: true, value: undefined };
  });

  return () => {
    for (const method of invokeMethods) ipc.removeHandler(invokeChannel(method));
    for (const method of watchMethods) ipc.removeHandler(watchChannel(method));
    ipc.removeHandler(unwatchChannel);
    for (const id of [...watches.keys()]) stop(id);
  };
}
