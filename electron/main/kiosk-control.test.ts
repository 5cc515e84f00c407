// The kiosk's branch-server switch (DESIGN §13), minus Electron: its IPC handlers, checks against a
// real `npm run serve`, the saved setting, and the kiosk started on it.
import type { IpcMainInvokeEvent } from 'electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskChannels } from '../../shared/ipc/kiosk-channels';
import { removeDataDir, startCounter, type CounterServer } from '../../test/integration/support/counter-server';
import { BRANCH_SERVER_FILE, readBranchServer } from './branch-server';
import { kioskControl } from './kiosk-control';
import { startKiosk } from './kiosk-engine';
import { registerKioskIpc } from './kiosk-ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

let server: CounterServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startCounter();
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function harness(options: { fixedByEnvironment?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'counter-kiosk-control-'));
  dirs.push(dir);
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  let restarts = 0;
  const control = kioskControl({
    userDataDir: dir,
    sealing: undefined,
    mode: { mode: 'embedded' },
    fixedByEnvironment: options.fixedByEnvironment ?? false,
    restart: () => void (restarts += 1),
  });
  registerKioskIpc(ipc as never, control, (url) => url.startsWith('app://counter/'));
  const call = (channel: string, args: unknown[], url = 'app://counter/index.html') =>
    handlers.get(channel)!({ senderFrame: { url } } as unknown as IpcMainInvokeEvent, ...args);
  return { dir, call, restarts: () => restarts };
}

describe('switching the kiosk to a branch server', () => {
  it('says which engine it uses, and hears only its own frames', async () => {
    const h = harness();
    expect(await h.call(kioskChannels.engineMode, [])).toEqual({ ok: true, value: { mode: 'embedded' } });
    expect(await h.call(kioskChannels.useBranchServer, [null], 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
  });

  it('refuses a bad URL, an unreachable server and a wrong token, and then changes nothing', async () => {
    const h = harness();
    expect(await h.call(kioskChannels.useBranchServer, [{ url: 'javascript:alert(1)', token: 't' }])).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    expect(await h.call(kioskChannels.useBranchServer, [{ url: 'http://127.0.0.1:1', token: 't' }])).toMatchObject({
      ok: false,
      error: { status: 0, code: 'NetworkError' },
    });
    expect(await h.call(kioskChannels.useBranchServer, [{ url: server.url, token: 'not-the-token' }])).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
    expect(existsSync(join(h.dir, BRANCH_SERVER_FILE))).toBe(false);
    expect(h.restarts()).toBe(0);
  });

  it('saves a server that answers and takes the token, restarts on it, and goes back to the embedded engine', async () => {
    const h = harness();
    const settings = { url: `${server.url}/`, token: server.adminToken };
    expect(await h.call(kioskChannels.useBranchServer, [settings])).toEqual({ ok: true, value: { mode: 'branch', url: server.url } });
    expect(readBranchServer(h.dir, undefined)).toEqual({ url: server.url, token: server.adminToken });
    expect(h.restarts()).toBe(1);

    // The restarted kiosk: no engine of its own, the branch server's configurations through HTTP.
    const kiosk = await startKiosk({}, h.dir, undefined, undefined);
    expect(kiosk.mode).toEqual({ mode: 'branch', url: server.url });
    expect((await kiosk.api.listConfigurations()).map((c) => c.type)).toContain('org.iso.18013.5.1.mDL');
    expect(existsSync(join(h.dir, 'counter-data'))).toBe(false);
    await kiosk.close();

    expect(await h.call(kioskChannels.useBranchServer, [null])).toEqual({ ok: true, value: { mode: 'embedded' } });
    expect(readBranchServer(h.dir, undefined)).toBeUndefined();
    expect(h.restarts()).toBe(2);
  });

  it('leaves a branch server set by the environment alone', async () => {
    const h = harness({ fixedByEnvironment: true });
    expect(await h.call(kioskChannels.useBranchServer, [null])).toMatchObject({ ok: false, error: { status: 409 } });
    expect(h.restarts()).toBe(0);
  });
});
