import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorInfo } from '../../../shared/counter-api';
import type { DisplayWatchEvent } from '../../../shared/http/display-client';
import { createEngine, type Engine } from '../host/create-engine';

// The engine's in-process API (DESIGN §8) against a real engine on a temp SQLite data dir: the
// route table's roles, schemas and error shapes, without HTTP.

const ADMIN = 'in-process-test-admin-token-of-32-or-more-characters';
let dir: string;
let engine: Engine;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, errorInfo);
const until = async <T>(read: () => T | undefined): Promise<T> => {
  for (let i = 0; i < 300; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-in-process-'));
  engine = await createEngine({
    dataDir: dir,
    publicUrl: 'http://127.0.0.1:9',
    adminToken: ADMIN,
    settings: { managementFailuresPerMinute: 3, maxPinFailures: 2 },
  });
});
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the in-process API', () => {
  it('answers as the route would, errors in the management shape', async () => {
    const kiosk = engine.inProcess.asKiosk();
    expect(await failure(kiosk.getOffer('not-a-uuid'))).toMatchObject({ status: 400 });
    expect(await failure(kiosk.getOffer('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 'NotFound' });
    const bad = await failure(kiosk.createOffer({ credentials: ['nope'] }));
    expect(bad).toMatchObject({ status: 400, code: 'BadRequest', details: [expect.objectContaining({ param: expect.any(String) })] });
    expect(await failure(kiosk.listOffers({ limit: 0 }))).toMatchObject({
      status: 400,
      details: [expect.objectContaining({ param: 'limit' })],
    });
    expect(await failure(kiosk.listEvents())).toMatchObject({ status: 403, code: 'Forbidden' });
    // Public documents too.
    expect((await kiosk.listIacas())[0]?.certificatePem).toMatch(/BEGIN CERTIFICATE/);
  });

  it('throttles wrong API tokens like the HTTP door, and a right one still waits its turn', async () => {
    for (let i = 0; i < 3; i++) expect(await failure(engine.inProcess.signInWithToken(`wrong-${i}`))).toMatchObject({ status: 401 });
    expect(await failure(engine.inProcess.signInWithToken(ADMIN))).toMatchObject({ status: 429, code: 'TooManyRequests' });
  });

  it('gives the kiosk itself the issuer role only while nobody has a clerk account', async () => {
    const kiosk = engine.inProcess.asKiosk();
    expect(await kiosk.whoAmI()).toMatchObject({ kind: 'kiosk', role: 'issuer' });
    const admin = engine.context.stores;
    const now = engine.context.clock.now();
    // An admin's clerk (straight into the store: the token door is throttled for a minute here).
    const { hashPin } = await import('../core/auth/pin-hash');
    await admin.clerks.insert({
      id: engine.context.random.uuid(),
      name: 'Aroha',
      nameKey: 'aroha',
      pinHash: await hashPin('4711', engine.context.random),
      createdAt: now,
    });
    expect(await failure(kiosk.whoAmI())).toMatchObject({ status: 401, code: 'Unauthorized' });

    expect(await failure(engine.inProcess.signInClerk('Aroha', '0000'))).toMatchObject({ status: 401 });
    const aroha = await engine.inProcess.signInClerk('aroha', '4711');
    expect(aroha.who).toMatchObject({ kind: 'clerk', name: 'Aroha', role: 'issuer' });
    expect((await aroha.api.listConfigurations()).length).toBeGreaterThan(0);
    await aroha.end();
    expect(await failure(aroha.api.whoAmI())).toMatchObject({ status: 401 });
    // Two wrong PINs in a row lock the clerk (maxPinFailures 2 here).
    await failure(engine.inProcess.signInClerk('Aroha', '0001'));
    expect(await failure(engine.inProcess.signInClerk('Aroha', '0002'))).toMatchObject({ status: 429 });
    expect(await failure(engine.inProcess.signInClerk('Aroha', '4711'))).toMatchObject({ status: 429 });
  });

  it('follows a customer display behind its own token', async () => {
    const created = await engine.inProcess.displays.create();
    expect(created.pairingCode).toMatch(/^\d{6}$/);
    const events: DisplayWatchEvent[] = [];
    const stop = engine.inProcess.displays.watch(created, (e) => events.push(e));
    expect(await until(() => events.find((e) => e.type === 'state'))).toEqual({
      type: 'state',
      state: { paired: false, pairingCode: created.pairingCode },
    });
    stop();
    const refused: DisplayWatchEvent[] = [];
    engine.inProcess.displays.watch({ id: created.id, token: 'wrong' }, (e) => refused.push(e));
    expect(await until(() => refused[0])).toMatchObject({ type: 'error', error: { status: 401 } });
  });
});
