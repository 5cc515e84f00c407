import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayState } from '../../shared/api/z-display';
import { errorInfo } from '../../shared/counter-api';
import { createEngine, type Engine } from '../engine/host/create-engine';
import { createCustomerDisplayLink, IDLE_STATE } from './customer-display-link';
import { createKioskSession, type DisplayBackend } from './kiosk-session';

// Who is signed in at the kiosk, and the customer display that follows them, on a real engine.

const ADMIN = 'kiosk-session-test-admin-token-of-32-or-more-chars';
let dir: string;
let engine: Engine;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, errorInfo);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-kiosk-session-'));
  engine = await createEngine({ dataDir: dir, publicUrl: 'http://127.0.0.1:9', adminToken: ADMIN });
});
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createKioskSession', () => {
  it('acts as whoever signed in, tells before and after a change, and a refusal changes nothing', async () => {
    const session = createKioskSession(engine.inProcess);
    const seen: string[] = [];
    session.onChange(async (change) => void seen.push(`${change}:${(await session.api.whoAmI().catch(() => ({ kind: 'nobody' }))).kind}`));
    expect(await session.api.whoAmI()).toMatchObject({ kind: 'kiosk' });

    expect(await failure(session.signInWithToken('wrong'))).toMatchObject({ status: 401 });
    expect(seen).toEqual([]);
    await session.signInWithToken(ADMIN);
    expect(await session.api.whoAmI()).toMatchObject({ kind: 'token', role: 'admin' });
    expect(seen).toEqual(['leaving:kiosk', 'joined:token']);
    await session.api.createClerk('Tama', '8642');

    await session.signInClerk('Tama', '8642');
    expect(seen.slice(2)).toEqual(['leaving:token', 'joined:clerk']);
    await session.api.signOut();
    expect(seen.slice(4)).toEqual(['leaving:clerk', 'joined:nobody']);
    // Signed out with clerks around: the kiosk itself is refused, and signing out again is nothing.
    expect(await failure(session.api.whoAmI())).toMatchObject({ status: 401 });
    await session.api.signOut();
    expect(seen).toHaveLength(6);
  });
});

describe('createCustomerDisplayLink', () => {
  it('pairs only for someone who may show offers, re-pairs on a new sign-in and unpairs when closed', async () => {
    let created = 0;
    const made: Array<{ id: string; token: string }> = [];
    const displays: DisplayBackend = {
      create: async () => {
        created++;
        const display = await engine.inProcess.displays.create();
        made.push(display);
        return display;
      },
      watch: (display, listener) => engine.inProcess.displays.watch(display, listener),
    };
    const session = createKioskSession(engine.inProcess);
    const link = createCustomerDisplayLink(session, displays, () => {});
    const ids: Array<string | undefined> = [];
    const states: DisplayState[] = [];
    link.watchDisplayId((id) => ids.push(id));
    link.watchState((state) => states.push(state));

    // Clerks exist (the test above) and nobody is signed in: the display welcomes, and none is made.
    await link.open();
    expect(created).toBe(0);
    expect(states.at(-1)).toEqual(IDLE_STATE);

    await session.signInClerk('Tama', '8642');
    const first = ids.at(-1)!;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toBe(1);
    await session.api.signOut();
    expect(ids.at(-1)).toBeUndefined();
    // The old pairing is gone from the engine, not left waiting.
    expect(engine.context.displays.find(made[0]!.id, made[0]!.token)).toBeUndefined();

    await session.signInWithToken(ADMIN);
    const second = ids.at(-1)!;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await link.close();
    expect(ids.at(-1)).toBeUndefined();
    expect(await failure(session.api.clearDisplay(second))).toMatchObject({ status: 404 });
    expect(engine.context.displays.find(made[1]!.id, made[1]!.token)).toBeUndefined();
    // Closed: a new sign-in pairs nothing.
    await session.api.signOut();
    await session.signInWithToken(ADMIN);
    expect(created).toBe(2);
    expect(ids.at(-1)).toBeUndefined();
  });
});
