import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { zBranchServerSettings, type BranchServerSettings, type KioskEngineMode } from '../../shared/api/z-branch-server';
import { errorInfo } from '../../shared/counter-api';
import type { IpcResult } from '../../shared/ipc/channels';
import { kioskChannels } from '../../shared/ipc/kiosk-channels';

type Ipc = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface KioskControl {
  mode(): KioskEngineMode;
  /** Checks, saves and restarts on the branch server (or the embedded engine for null); throws to refuse. */
  switchTo(settings: BranchServerSettings | null): Promise<KioskEngineMode>;
}

const zUseArgs = z.tuple([zBranchServerSettings.nullable()]);

/** The kiosk-only IPC (shared/ipc/kiosk-channels.ts): arguments zod-parsed, only our own frames heard. */
export function registerKioskIpc(ipc: Ipc, control: KioskControl, isTrustedFrame: (url: string) => boolean): () => void {
  const refuse = (message: string, status: number): IpcResult<never> => ({
    ok: false,
    error: { status, code: status === 403 ? 'Forbidden' : 'InvalidIpcArguments', message },
  });
  const trusted = (event: IpcMainInvokeEvent) => isTrustedFrame(event.senderFrame?.url ?? '');
  ipc.handle(kioskChannels.engineMode, (event): IpcResult<KioskEngineMode> => {
    if (!trusted(event)) return refuse('IPC from an untrusted frame', 403);
    return { ok: true, value: control.mode() };
  });
  ipc.handle(kioskChannels.useBranchServer, async (event, ...raw: unknown[]): Promise<IpcResult<KioskEngineMode>> => {
    if (!trusted(event)) return refuse('IPC from an untrusted frame', 403);
    const args = zUseArgs.safeParse(raw);
    if (!args.success) return refuse(`Invalid branch server: ${args.error.issues.map((i) => i.message).join('; ')}`, 400);
    try {
      return { ok: true, value: await control.switchTo(args.data[0]) };
    } catch (error) {
      return { ok: false, error: errorInfo(error) };
    }
  });
  return () => {
    ipc.removeHandler(kioskChannels.engineMode);
    ipc.removeHandler(kioskChannels.useBranchServer);
  };
}
