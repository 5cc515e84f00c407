import type { KeyProtection } from '../engine/keys/key-protection';
import { join } from 'node:path';
import type { KioskEngineMode } from '../../shared/api/z-branch-server';
import { branchServerBackend, branchServerFromEnv, readBranchServer, type TokenSealing } from './branch-server';
import { parseCliOptions, SECRET_ENV } from '../engine/host/cli-options';
import { HostStartError, startHost } from '../engine/host/start-host';
import type { KioskBackend } from './kiosk-session';

export interface KioskEngine {
  /** The engine for the kiosk's windows: its own, called in-process (DESIGN §8), or a branch server's. */
  backend: KioskBackend;
  /** Where wallets reach this kiosk (the listener; the public URL may differ), or the branch server. */
  url: string;
  mode: KioskEngineMode;
  close(): Promise<void>;
}

/**
 * DESIGN §13: on a branch server (COUNTER_BRANCH_SERVER_URL, else the one saved from Settings) the
 * kiosk starts no engine of its own: its window talks to that server through the same HTTP client
 * the browser uses, and wallets reach the server, not this machine. Otherwise the embedded engine.
 */
export async function startKiosk(
  env: NodeJS.ProcessEnv,
  userDataDir: string,
  keyProtection: KeyProtection | undefined,
  sealing: TokenSealing | undefined,
): Promise<KioskEngine> {
  const branch = branchServerFromEnv(env) ?? readBranchServer(userDataDir, sealing);
  if (branch)
    return { backend: branchServerBackend(branch), url: branch.url, mode: { mode: 'branch', url: branch.url }, close: async () => {} };
  return startKioskEngine(env, userDataDir, keyProtection);
}

/**
 * Starts the engine in the main process the way `npm run serve` does (electron/engine/host/serve.ts):
 * same COUNTER_* variables (DESIGN §2), but the data lives in the app's userData folder unless
 * COUNTER_DATA_DIR says otherwise. Wallets still need the HTTP listener; the kiosk's windows do not:
 * they call the engine in-process as the kiosk itself (issuer role), a clerk or IT, with no API token
 * read from disk and no JSON in between (DESIGN §8).
 */
export async function startKioskEngine(env: NodeJS.ProcessEnv, userDataDir: string, keyProtection?: KeyProtection): Promise<KioskEngine> {
  const options = parseCliOptions([], { ...env, COUNTER_DATA_DIR: env.COUNTER_DATA_DIR || join(userDataDir, 'counter-data') });
  for (const name of SECRET_ENV) delete env[name]; // the PKCS#11 PIN, like the passphrase, is read once
  const host = await startHost(options, {
    ...(keyProtection ? { keyProtection } : {}),
    ...(env.COUNTER_SQLITE_BINDING ? { sqliteNativeBinding: env.COUNTER_SQLITE_BINDING } : {}),
  });
  return { backend: host.engine.inProcess, url: host.listener.url, mode: { mode: 'embedded' }, close: host.close };
}

/** A start-up failure in words for the error dialog. */
export function startFailureMessage(error: unknown): string {
  const e = error instanceof HostStartError ? error.cause : (error as NodeJS.ErrnoException);
  if (e.code === 'EADDRINUSE') return 'The port is already in use (is another Counter running?). Set COUNTER_PORT to another port.';
  if (e.code === 'EACCES') return 'Not allowed to listen on that port; set COUNTER_PORT above 1023.';
  if (e.code === 'EADDRNOTAVAIL') return 'COUNTER_HOST is not an address of this machine.';
  return e instanceof Error ? e.message : String(error);
}
