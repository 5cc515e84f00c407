import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { zBranchServerSettings, type BranchServerSettings } from '../../shared/api/z-branch-server';
import type { CounterApi } from '../../shared/counter-api';
import { createDisplayClient } from '../../shared/http/display-client';
import { createHttpCounterApi, signInClerk, type FetchLike } from '../../shared/http/http-counter-api';
import type { KioskBackend, SignedIn } from './kiosk-session';

// DESIGN §13: the kiosk on a branch server. The setting lives in the app's userData folder; the
// token is sealed by the OS key store when there is one (`seal`/`open`, Electron's safeStorage).

export const BRANCH_SERVER_FILE = 'branch-server.json';

export interface TokenSealing {
  seal(token: string): Buffer;
  open(sealed: Buffer): string;
}

const zStored = z.object({
  url: z.string(),
  token: z.union([z.object({ sealed: z.base64() }), z.object({ plain: z.string() })]),
});

/** The saved branch server, or undefined (the embedded engine). A damaged file is an error, not a silent fallback. */
export function readBranchServer(dir: string, sealing: TokenSealing | undefined): BranchServerSettings | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, BRANCH_SERVER_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stored = zStored.parse(JSON.parse(text));
  let token: string;
  if ('sealed' in stored.token) {
    if (!sealing) throw new Error(`${BRANCH_SERVER_FILE} holds a sealed token but the OS key store is not available`);
    token = sealing.open(Buffer.from(stored.token.sealed, 'base64'));
  } else {
    token = stored.token.plain;
  }
  return zBranchServerSettings.parse({ url: stored.url, token });
}

/** Saves the branch server (0600, whole or not at all), or forgets it with `undefined`. */
export function writeBranchServer(dir: string, settings: BranchServerSettings | undefined, sealing: TokenSealing | undefined): void {
  const file = join(dir, BRANCH_SERVER_FILE);
  if (!settings) {
    rmSync(file, { force: true });
    return;
  }
  const token = sealing ? { sealed: sealing.seal(settings.token).toString('base64') } : { plain: settings.token };
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify({ url: settings.url, token }), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** COUNTER_BRANCH_SERVER_URL + COUNTER_BRANCH_SERVER_TOKEN: set by IT for a whole fleet, they win over Settings. */
export function branchServerFromEnv(env: NodeJS.ProcessEnv): BranchServerSettings | undefined {
  if (!env.COUNTER_BRANCH_SERVER_URL) return undefined;
  return zBranchServerSettings.parse({ url: env.COUNTER_BRANCH_SERVER_URL, token: env.COUNTER_BRANCH_SERVER_TOKEN ?? '' });
}

/** The kiosk's API on a branch server: the same HTTP client the browser uses (shared/http). */
export const branchServerApi = (settings: BranchServerSettings, fetch?: FetchLike): CounterApi =>
  createHttpCounterApi({ baseUrl: settings.url, token: settings.token, ...(fetch ? { fetch } : {}) });

/**
 * Before switching: the server answers and takes the token (listing configurations is what every
 * counter screen needs). Throws the CounterApiError to show (0: unreachable, 401: wrong token).
 */
export async function checkBranchServer(settings: BranchServerSettings, fetch?: FetchLike): Promise<void> {
  await branchServerApi(settings, fetch).listConfigurations();
}

/**
 * The kiosk's engine on a branch server: as itself with the saved issuer token, clerks and IT
 * signed in through the server's own routes, the customer display one of the server's displays.
 */
export function branchServerBackend(settings: BranchServerSettings, fetch?: FetchLike): KioskBackend {
  const withFetch = fetch ? { fetch } : {};
  const asToken = async (token: string): Promise<SignedIn> => {
    const api = createHttpCounterApi({ baseUrl: settings.url, token, ...withFetch });
    return { api, who: await api.whoAmI(), end: () => api.signOut() };
  };
  const displays = createDisplayClient({ baseUrl: settings.url, ...withFetch });
  return {
    asKiosk: () => branchServerApi(settings, fetch),
    signInClerk: async (name, pin) => asToken((await signInClerk({ baseUrl: settings.url, ...withFetch }, name, pin)).token),
    signInWithToken: asToken,
    displays: { create: () => displays.create(), watch: (display, listener) => displays.watch(display, listener) },
  };
}
