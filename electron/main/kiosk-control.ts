import type { BranchServerSettings, KioskEngineMode } from '../../shared/api/z-branch-server';
import { CounterApiError } from '../../shared/counter-api';
import { checkBranchServer, writeBranchServer, type TokenSealing } from './branch-server';
import type { KioskControl } from './kiosk-ipc';

/**
 * What Settings may do about the kiosk's engine (DESIGN §13). A new branch server is checked (it
 * answers, the token is taken) before it is saved; then the kiosk restarts on it, so that no
 * screen keeps talking to the old engine. A branch server set by the environment cannot be
 * changed from Settings.
 */
export function kioskControl(options: {
  userDataDir: string;
  sealing: TokenSealing | undefined;
  mode: KioskEngineMode;
  /** COUNTER_BRANCH_SERVER_URL is set: IT decides, not Settings. */
  fixedByEnvironment: boolean;
  restart: () => void;
}): KioskControl {
  return {
    mode: () => options.mode,
    async switchTo(settings: BranchServerSettings | null) {
      if (options.fixedByEnvironment) {
        throw new CounterApiError({
          status: 409,
          code: 'Conflict',
          message: "This kiosk's branch server is set by COUNTER_BRANCH_SERVER_URL; change it there.",
        });
      }
      if (settings) await checkBranchServer(settings);
      writeBranchServer(options.userDataDir, settings ?? undefined, options.sealing);
      options.restart();
      return settings ? { mode: 'branch', url: settings.url } : { mode: 'embedded' };
    },
  };
}
