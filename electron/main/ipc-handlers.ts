import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { errorInfo, type CounterApi, type CounterApiErrorInfo, type Unsubscribe } from '../../shared/counter-api';
import {
  callChannel,
  unwatchChannel,
  watchEventChannel,
  type BridgeSpec,
  type IpcResult,
  type WatchEventMessage,
} from '../../shared/ipc/bridge';
import { counterBridge } from '../../shared/ipc/channels';
import { invokeArgs, watchArgs } from '../../shared/ipc/ipc-args';

type Ipc = Pick<IpcMain, 'handle' | 'removeHandler'>;
type Sender = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

/** Who sent an IPC message: the frame's URL and its window's web contents (Electron security checklist §17). */
export interface IpcSender {
  url: string;
  webContentsId: number;
}
export type TrustedSender = (sender: IpcSender) => boolean;

/** The argument schemas of a bridge: one tuple per method (a watch's without its listener). */
export interface BridgeArgs<S extends { invoke: readonly string[]; watch: readonly string[] }> {
  invoke: { [K in S['invoke'][number]]: z.ZodType<unknown[]> };
  watch: { [K in S['watch'][number]]: z.ZodType<unknown[]> };
}

const refused = (message: string, status = 400): { ok: false; error: CounterApiErrorInfo } => ({
  ok: false,
  error: { status, code: status === 403 ? 'Forbidden' : 'InvalidIpcArguments', message },
});
const zSubscriptionId = z.uuid();
const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(arguments)'} ${i.message}`).join('; ');

/**
 * Answers a bridge's methods with `impl` (STYLE §6), for whatever the spec lists: every argument
 * list is zod-parsed, every answer is an IpcResult, and only trusted senders are heard. Watches
 * run one per subscription, ended by unwatch (from the window that started it) or when it goes.
 */
export function registerBridge<Api, S extends BridgeSpec<Api>>(
  ipc: Ipc,
  spec: S,
  impl: Pick<Api, S['invoke'][number] | S['watch'][number]>,
  args: BridgeArgs<S>,
  trusted: TrustedSender,
): () => void {
  const methods = impl as unknown as Record<string, (...a: unknown[]) => unknown>;
  const schemas = args as unknown as { invoke: Record<string, z.ZodType<unknown[]>>; watch: Record<string, z.ZodType<unknown[]>> };
  const heard = (event: IpcMainInvokeEvent) => trusted({ url: event.senderFrame?.url ?? '', webContentsId: event.sender.id });

  for (const method of spec.invoke) {
    ipc.handle(callChannel(spec.name, method), async (event, ...raw: unknown[]): Promise<IpcResult<unknown>> => {
      if (!heard(event)) return refused('IPC from an untrusted frame', 403);
      const parsed = schemas.invoke[method]!.safeParse(raw);
      if (!parsed.success) return refused(`Invalid arguments for ${method}: ${issues(parsed.error)}`);
      try {
        return { ok: true, value: await methods[method]!(...parsed.data) };
      } catch (error) {
        return { ok: false, error: errorInfo(error) };
      }
    });
  }

  const watches = new Map<string, { senderId: number; stop: Unsubscribe }>();
  const stop = (subscriptionId: string): void => {
    watches.get(subscriptionId)?.stop();
    watches.delete(subscriptionId);
  };
  for (const method of spec.watch) {
    ipc.handle(callChannel(spec.name, method), (event, subscriptionId: unknown, ...raw: unknown[]): IpcResult<undefined> => {
      if (!heard(event)) return refused('IPC from an untrusted frame', 403);
      const id = zSubscriptionId.safeParse(subscriptionId);
      const parsed = schemas.watch[method]!.safeParse(raw);
      if (!id.success || !parsed.success)
        return refused(`Invalid arguments for ${method}${parsed.success ? '' : `: ${issues(parsed.error)}`}`);
      if (watches.has(id.data)) return refused('Subscription id already in use');
      const sender: Sender = event.sender;
      const send = (message: WatchEventMessage): void => {
        if (!sender.isDestroyed()) sender.send(watchEventChannel(spec.name), message);
      };
      const listener = (e: unknown) => send({ subscriptionId: id.data, event: e });
      watches.set(id.data, { senderId: sender.id, stop: methods[method]!(...parsed.data, listener) as Unsubscribe });
      sender.once('destroyed', () => stop(id.data));
      return { ok: true, value: undefined };
    });
  }
  ipc.handle(unwatchChannel(spec.name), (event, ...raw: unknown[]): IpcResult<undefined> => {
    const id = z.tuple([zSubscriptionId]).safeParse(raw);
    if (!id.success) return refused('Invalid arguments for unwatch');
    // Only the window that started a watch may end it.
    if (watches.get(id.data[0])?.senderId === event.sender.id) stop(id.data[0]);
    return { ok: true, value: undefined };
  });

  return () => {
    for (const method of [...spec.invoke, ...spec.watch]) ipc.removeHandler(callChannel(spec.name, method));
    ipc.removeHandler(unwatchChannel(spec.name));
    for (const id of [...watches.keys()]) stop(id);
  };
}

/** The `counter` bridge (window.counter): the CounterApi, answered by `api` (the engine in-process, or a branch server). */
export const registerCounterIpc = (ipc: Ipc, api: CounterApi, trusted: TrustedSender): (() => void) =>
  registerBridge<CounterApi, typeof counterBridge>(ipc, counterBridge, api, { invoke: invokeArgs, watch: watchArgs }, trusted);
