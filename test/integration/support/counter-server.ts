// Starts the real headless kiosk (the code path of `npm run serve`) as a child process on
// 127.0.0.1 with an ephemeral port and a temp data dir, and talks to it over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface CounterServer {
  /** The wallet-facing listener (DESIGN §8). */
  url: string;
  /** The clerk's listener: the same as `url` unless the start-up printed a separate one. */
  clerkUrl: string;
  dataDir: string;
  adminToken: string;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no clean shutdown at all. */
  kill9(): Promise<void>;
  /** A management API call on the clerk's listener. */
  api(path: string, init?: RequestInit & { json?: unknown; token?: string | null }): Promise<Response>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'counter-it-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs scripts/serve.mjs with these args and resolves with its exit code and output (for failure cases). */
export function runServeToExit(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawnServe(args, env);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

function spawnServe(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, COUNTER_SKIP_UI_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function startCounter(
  options: { dataDir?: string; adminToken?: string; args?: string[]; env?: Record<string, string> } = {},
): Promise<CounterServer> {
  const dataDir = options.dataDir ?? newDataDir();
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const child = spawnServe(['--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    COUNTER_ADMIN_TOKEN: adminToken,
    ...options.env,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A separate clerk's listener is announced on a second line (DESIGN §2).
  const args = options.args ?? [];
  const host = args[args.indexOf('--host') + 1] ?? '127.0.0.1';
  const separateClerk =
    args.includes('--clerk-port') || args.includes('--clerk-host') || (args.includes('--host') && !/^(127\.|::1$|localhost$)/.test(host));
  const [url, clerkUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Counter did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const wallet = /Counter listening on (\S+)/.exec(output)?.[1];
      const clerk = separateClerk ? /Counter clerk UI on (\S+)/.exec(output)?.[1] : wallet;
      if (wallet && clerk) {
        clearTimeout(timer);
        resolve([wallet, clerk]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Counter exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    clerkUrl,
    dataDir,
    adminToken,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    api(path, init = {}) {
      const { json, token = adminToken, headers, ...rest } = init;
      return fetch(clerkUrl + path, {
        ...rest,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(headers as Record<string, string> | undefined),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
  };
}
