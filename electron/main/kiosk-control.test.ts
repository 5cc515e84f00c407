// The kiosk's branch-server switch (DESIGN §13), minus Electron: its IPC handlers, checks against a
// real `npm run serve`, the saved setting, and the kiosk started on it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge } from '../../shared/ipc/bridge';
import { kioskBridge, type KioskApi, type KioskBridge } from '../../shared/ipc/kiosk-channels';
import { ipcPair } from '../../test/support/ipc-pair';
import { removeDataDir, startCounter, type CounterServer } from '../../test/integration/support/counter-server';
import { BRANCH_SERVER_FILE, readBranchServer } from './branch-server';
import { kioskControl } from './kiosk-control';
import { startKiosk } from './kiosk-engine';
import { kioskApi, registerKioskIpc } from './kiosk-ipc';
import { createKioskSession } from './kiosk-session';

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
  const pair = ipcPair();
  let restarts = 0;
  const control = kioskControl({
    userDataDir: dir,
    sealing: undefined,
    mode: { mode: 'embedded' },
    fixedByEnvironment: options.fixedByEnvironment ?? false,
    restart: () => void (restarts += 1),
  });
  const noSignIn = () => Promise.reject(new Error('not in this test'));
  const clerkWindow = pair.window('app://counter/index.html');
  registerKioskIpc(
    pair.main,
    kioskApi(control, { signInClerk: noSignIn, signInWithToken: noSignIn }, { watchDisplayId: () => () => {} }),
    (sender) => sender.url.startsWith('app://counter/') && sender.webContentsId === clerkWindow.webContentsId,
  );
  const bridge = (window = clerkWindow): KioskBridge => createBridge<KioskApi, typeof kioskBridge>(kioskBridge, window);
  return { dir, bridge, other: (url: string) => bridge(pair.window(url)), restarts: () => restarts };
}

describe('switching the kiosk to a branch server', () => {
  it('says which engine it uses, and hears only its own frames', async () => {
    const h = harness();
    expect(await h.bridge().engineMode()).toEqual({ ok: true, value: { mode: 'embedded' } });
    expect(await h.other('https://evil.example/').useBranchServer(null)).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('refuses a bad URL, an unreachable server and a wrong token, and then changes nothing', async () => {
    const h = harness();
    expect(await h.bridge().useBranchServer({ url: 'javascript:alert(1)', token: 't' })).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    expect(await h.bridge().useBranchServer({ url: 'http://127.0.0.1:1', token: 't' })).toMatchObject({
      ok: false,
      error: { status: 0, code: 'NetworkError' },
    });
    expect(await h.bridge().useBranchServer({ url: server.url, token: 'not-the-token' })).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
    expect(existsSync(join(h.dir, BRANCH_SERVER_FILE))).toBe(false);
    expect(h.restarts()).toBe(0);
  });

  it('saves a server that answers and takes the token, restarts on it, and goes back to the embedded engine', async () => {
    const h = harness();
    const settings = { url: `${server.url}/`, token: server.adminToken };
    expect(await h.bridge().useBranchServer(settings)).toEqual({ ok: true, value: { mode: 'branch', url: server.url } });
    expect(readBranchServer(h.dir, undefined)).toEqual({ url: server.url, token: server.adminToken });
    expect(h.restarts()).toBe(1);

    // The restarted kiosk: no engine of its own, the branch server's configurations through HTTP.
    const kiosk = await startKiosk({}, h.dir, undefined, undefined);
    expect(kiosk.mode).toEqual({ mode: 'branch', url: server.url });
    const session = createKioskSession(kiosk.backend);
    expect((await session.api.listConfigurations()).map((c) => c.type)).toContain('org.iso.18013.5.1.mDL');
    expect(await session.api.whoAmI()).toMatchObject({ kind: 'token', role: 'admin' });
    expect(existsSync(join(h.dir, 'counter-data'))).toBe(false);

    // A clerk signs in at the branch kiosk through the server's own sign-in (DESIGN §13, §14).
    expect((await server.api('/v1/counter/clerks', { method: 'POST', json: { name: 'Aroha', pin: '4711' } })).status).toBe(201);
    await expect(session.signInClerk('Aroha', '0000')).rejects.toMatchObject({ status: 401 });
    expect(await session.signInClerk('aroha', '4711')).toMatchObject({ kind: 'clerk', name: 'Aroha', role: 'issuer' });
    expect(await session.api.whoAmI()).toMatchObject({ kind: 'clerk', name: 'Aroha' });
    await session.api.signOut();
    expect(await session.api.whoAmI()).toMatchObject({ kind: 'token', role: 'admin' });
    await kiosk.close();

    expect(await h.bridge().useBranchServer(null)).toEqual({ ok: true, value: { mode: 'embedded' } });
    expect(readBranchServer(h.dir, undefined)).toBeUndefined();
    expect(h.restarts()).toBe(2);
  });

  it('leaves a branch server set by the environment alone', async () => {
    const h = harness({ fixedByEnvironment: true });
    expect(await h.bridge().useBranchServer(null)).toMatchObject({ ok: false, error: { status: 409 } });
    expect(h.restarts()).toBe(0);
  });
});
