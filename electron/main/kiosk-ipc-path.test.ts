import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayState } from '../../shared/api/z-display';
import { errorInfo, type CounterApi, type OfferWatchEvent } from '../../shared/counter-api';
import type { DisplayWatchEvent } from '../../shared/http/display-client';
import { createBridge } from '../../shared/ipc/bridge';
import { clientOfBridge } from '../../shared/ipc/bridge-client';
import { counterBridge, invokeMethods, type InvokeMethod } from '../../shared/ipc/channels';
import { displayBridge, kioskBridge, type CustomerDisplayApi, type KioskApi } from '../../shared/ipc/kiosk-channels';
import { ipcPair } from '../../test/support/ipc-pair';
import { createEngine, type Engine } from '../engine/host/create-engine';
import { APP_URL } from './app-protocol';
import { createCustomerDisplayLink } from './customer-display-link';
import { registerCounterIpc } from './ipc-handlers';
import { kioskControl } from './kiosk-control';
import { kioskApi, registerDisplayIpc, registerKioskIpc } from './kiosk-ipc';
import { createKioskSession } from './kiosk-session';
import { isOwnUrlOf } from './own-url';

// The Electron kiosk's whole path minus Electron itself: the page's generated client, the
// generated preload bridge, IPC (a structured-cloning stand-in, test/support/ipc-pair.ts), main's
// generated handlers, the kiosk session, and the real engine in-process on a temp SQLite data dir.

const ADMIN = 'kiosk-ipc-path-admin-token-of-32-or-more-characters';
let dir: string;
let engine: Engine;
let api: CounterApi;
let kiosk: KioskApi;
let display: CustomerDisplayApi;
let openDisplay: () => Promise<void>;
let mdlId: string;

const claims = () => ({
  family_name: 'Doe',
  given_name: 'Jane',
  birth_date: '1990-01-31',
  issue_date: '2026-01-01',
  expiry_date: '2031-01-01',
  document_number: 'D1',
  portrait: readFileSync('resources/sample/portrait.jpg').toString('base64'),
});
const offer = () => api.createOffer({ credentials: [mdlId], claims: claims(), transactionCodeConfiguration: { inputMode: 'numeric' } });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, errorInfo);
const until = async <T>(read: () => T | undefined, what: string): Promise<T> => {
  for (let i = 0; i < 300; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never saw ${what}`);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-kiosk-ipc-'));
  engine = await createEngine({ dataDir: join(dir, 'data'), publicUrl: 'http://127.0.0.1:9', adminToken: ADMIN });
  const pair = ipcPair();
  const clerkWindow = pair.window(APP_URL);
  const customerWindow = pair.window(`${APP_URL}#/display`);
  const own = isOwnUrlOf(APP_URL);
  const session = createKioskSession(engine.inProcess);
  const link = createCustomerDisplayLink(session, engine.inProcess.displays, () => {});
  const control = kioskControl({
    userDataDir: dir,
    sealing: undefined,
    mode: { mode: 'embedded' },
    fixedByEnvironment: false,
    restart: () => {},
  });
  const fromClerk = (s: { url: string; webContentsId: number }) => own(s.url) && s.webContentsId === clerkWindow.webContentsId;
  registerCounterIpc(pair.main, session.api, fromClerk);
  registerKioskIpc(pair.main, kioskApi(control, session, link), fromClerk);
  registerDisplayIpc(pair.main, link, (s) => own(s.url) && s.webContentsId === customerWindow.webContentsId);
  api = clientOfBridge<CounterApi, typeof counterBridge>(
    counterBridge,
    createBridge<CounterApi, typeof counterBridge>(counterBridge, clerkWindow),
  );
  kiosk = clientOfBridge<KioskApi, typeof kioskBridge>(kioskBridge, createBridge<KioskApi, typeof kioskBridge>(kioskBridge, clerkWindow));
  display = clientOfBridge<CustomerDisplayApi, typeof displayBridge>(
    displayBridge,
    createBridge<CustomerDisplayApi, typeof displayBridge>(displayBridge, customerWindow),
  );
  openDisplay = () => link.open();
  mdlId = (await api.listConfigurations()).find((c) => c.type === 'org.iso.18013.5.1.mDL')!.id;
});
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk window, through the generated bridge, to the engine in-process', () => {
  it('is the kiosk itself with the issuer role, never admin', async () => {
    expect(await api.whoAmI()).toEqual({ kind: 'kiosk', name: 'This kiosk', role: 'issuer' });
    const created = await offer();
    expect(created.transactionCode).toBeDefined();
    expect(await api.getOffer(created.id)).toMatchObject({ id: created.id, status: 'pending' });
    for (const refused of [api.listClerks(), api.listEvents(), api.listTrustIacas(), api.createClerk('Nobody', '1234')])
      expect(await failure(refused)).toMatchObject({ status: 403, code: 'Forbidden' });
  });

  it('follows an offer live and stops when asked', async () => {
    const created = await offer();
    const events: OfferWatchEvent[] = [];
    const stop = api.watchOffer(created.id, (e) => events.push(e));
    await until(() => events.find((e) => e.type === 'status'), 'the first status');
    await api.cancelOffer(created.id);
    await until(() => events.find((e) => e.type === 'status' && e.offer.status === 'cancelled'), 'cancelled');
    stop();
    expect(events.map((e) => (e.type === 'status' ? e.offer.status : e.type))).toEqual(['connection', 'pending', 'cancelled']);
    const gone: OfferWatchEvent[] = [];
    api.watchOffer('00000000-0000-4000-8000-000000000000', (e) => gone.push(e));
    expect(await until(() => gone[0], 'the refusal')).toMatchObject({ type: 'error', error: { status: 404 } });
  });

  it("takes list limits from the routes' schemas, on both sides of IPC", async () => {
    expect(await failure(api.listOffers({ limit: 1001 }))).toMatchObject({ status: 400, code: 'InvalidIpcArguments' });
    expect(await failure(engine.inProcess.asKiosk().listOffers({ limit: 1001 }))).toMatchObject({
      status: 400,
      details: [expect.objectContaining({ param: 'limit', location: 'query' })],
    });
    expect((await api.listOffers({ limit: 1 })).data).toHaveLength(1);
  });

  // Every CounterApi method reaches the engine through the generated path. A method added to the
  // list (shared/ipc/channels.ts) needs a sample here, or this file does not compile.
  it('answers every method of the list, as IT signed in with the admin token', async () => {
    expect(await kiosk.signInWithToken(ADMIN)).toMatchObject({ kind: 'token', role: 'admin' });
    const someId = '00000000-0000-4000-8000-000000000000';
    const running = await offer();
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const samples: { [K in InvokeMethod]: Parameters<CounterApi[K]> } = {
      listConfigurations: [],
      createOffer: [{ credentials: [mdlId], claims: claims() }],
      getOffer: [running.id],
      listOffers: [{ status: 'pending', limit: 5 }],
      cancelOffer: [someId],
      extendOffer: [running.id],
      listEvents: [{ limit: 5 }],
      getSettings: [],
      listIacas: [],
      listAuthorizations: [{ status: 'pending' }],
      approveAuthorization: [someId, { family_name: 'Doe' }],
      rejectAuthorization: [someId],
      createCodeOffer: [{ credentials: [mdlId] }],
      listCodeOffers: [],
      revokeCodeOffer: [someId],
      whoAmI: [],
      signOut: [],
      listClerks: [],
      createClerk: ['Path Clerk', '2468'],
      setClerkPin: [someId, '1357'],
      removeClerk: [someId],
      pairDisplay: ['123456'],
      showOnDisplay: [someId, { offerId: running.id, uri: running.uri, credentialName: 'mDL' }],
      clearDisplay: [someId],
      unpairDisplay: [someId],
      listTrustIacas: [],
      registerIaca: [pem],
      setIacaActive: [someId, true],
      listDocumentSigners: [],
      createDocumentSigner: [someId],
      installDocumentSignerCertificate: [someId, pem],
      listStatusListSigners: [],
      createStatusListSigner: [someId],
      installStatusListSignerCertificate: [someId, pem],
      listIssuedCredentials: [{ userId: 'nobody', limit: 5 }],
      setCredentialStatus: [someId, 'invalid', 'lost_or_stolen'],
      getStatusLists: [],
      setStatusListSignWith: ['status-list-signer'],
      getWalletPolicy: [],
      updateWalletPolicy: [
        {
          requireDpop: false,
          requireDpopNonce: false,
          requireWalletAttestation: false,
          requirePushedAuthorizationRequests: false,
          batchSize: 10,
        },
      ],
      listWalletProviders: [],
      createWalletProvider: [{ name: 'Path provider', certificatePem: pem }],
      deleteWalletProvider: [someId],
    };
    const answers: Record<string, unknown> = {};
    // signOut last: it ends IT's sign-in.
    for (const method of [...invokeMethods.filter((m) => m !== 'signOut'), 'signOut' as const]) {
      const call = api[method] as (...args: unknown[]) => Promise<unknown>;
      answers[method] = await call(...samples[method]).then(
        () => 'ok',
        (e: unknown) => errorInfo(e),
      );
    }
    // Reached the engine and answered in its own terms: nothing refused at the IPC boundary, no 5xx, no transport failure.
    for (const [method, answer] of Object.entries(answers)) {
      if (answer === 'ok') continue;
      expect({ method, answer }).toMatchObject({ method, answer: { status: expect.any(Number) } });
      const { status, code } = answer as { status: number; code: string };
      expect({ method, status, code }).not.toMatchObject({ code: 'InvalidIpcArguments' });
      expect({ method, ok: status >= 400 && status < 500 }).toEqual({ method, ok: true });
    }
    for (const method of [
      'listConfigurations',
      'createOffer',
      'getOffer',
      'extendOffer',
      'listEvents',
      'listClerks',
      'createClerk',
      'listTrustIacas',
      'listDocumentSigners',
      'listStatusListSigners',
      'listIssuedCredentials',
      'getStatusLists',
      'setStatusListSignWith',
      'whoAmI',
      'signOut',
    ])
      expect({ method, answer: answers[method] }).toEqual({ method, answer: 'ok' });
    expect(answers.cancelOffer).toMatchObject({ status: 404 });
    expect(answers.registerIaca).toMatchObject({ status: 400 });
    expect(answers.setCredentialStatus).toMatchObject({ status: 404 });
    // Signed out: back to the kiosk itself, which the engine now refuses (a clerk has an account).
    expect(await failure(api.whoAmI())).toMatchObject({ status: 401 });
  });

  it('signs a clerk in at the kiosk (the session stays in main) and names them in every event', async () => {
    expect(await failure(kiosk.signInClerk('Path Clerk', '0000'))).toMatchObject({ status: 401 });
    expect(await failure(api.createOffer({ credentials: [mdlId], claims: claims() }))).toMatchObject({ status: 401 });
    const who = await kiosk.signInClerk('path clerk', '2468');
    expect(who).toMatchObject({ kind: 'clerk', name: 'Path Clerk', role: 'issuer' });
    const created = await offer();
    await api.signOut();
    expect(await failure(api.getOffer(created.id))).toMatchObject({ status: 401 });

    await kiosk.signInWithToken(ADMIN);
    const events = (await api.listEvents({ type: 'OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS', limit: 100 })).data;
    const byClerk = events.filter((e) => (e.data as { clerkId?: string }).clerkId === who.clerkId);
    expect(byClerk).toHaveLength(1);
    expect(byClerk[0]).toMatchObject({ requestIp: 'kiosk', data: { clerkName: 'Path Clerk' } });
    await api.signOut();
  });

  it('refuses a wrong API token, and a clerk session once the clerk is removed', async () => {
    expect(await failure(kiosk.signInWithToken('not-a-token'))).toMatchObject({ status: 401 });
    const clerk = await kiosk.signInWithToken(ADMIN).then(() => api.createClerk('Short Lived', '9753'));
    await api.signOut();
    await kiosk.signInClerk('Short Lived', '9753');
    expect(await api.whoAmI()).toMatchObject({ kind: 'clerk', name: 'Short Lived' });
    await engine.inProcess.signInWithToken(ADMIN).then((it) => it.api.removeClerk(clerk.id));
    expect(await failure(api.whoAmI())).toMatchObject({ status: 401 });
    await api.signOut();
  });

  it("shows the signed-in clerk's offer on the customer display's window, and only there", async () => {
    await kiosk.signInClerk('Path Clerk', '2468');
    const ids: Array<string | undefined> = [];
    kiosk.watchCustomerDisplay((e) => e.type === 'display' && ids.push(e.displayId));
    const states: DisplayState[] = [];
    const problems: DisplayWatchEvent[] = [];
    display.watch((e) => (e.type === 'state' ? states.push(e.state) : problems.push(e)));
    await openDisplay();
    const displayId = await until(() => ids.at(-1), 'a paired display');

    const created = await offer();
    await api.showOnDisplay(displayId, {
      offerId: created.id,
      uri: created.uri,
      transactionCode: String(created.transactionCode),
      credentialName: 'Driving licence',
    });
    const shown = await until(() => states.findLast((s) => s.offer?.uri), 'the offer on the display');
    expect(shown.offer).toMatchObject({
      credentialName: 'Driving licence',
      uri: created.uri,
      transactionCode: String(created.transactionCode),
    });
    expect(shown.offer!.secondsLeft).toBeGreaterThan(0);
    await api.cancelOffer(created.id);
    await until(() => (states.at(-1)?.offer?.status === 'cancelled' ? true : undefined), 'the ended offer');
    expect(states.at(-1)!.offer!.uri).toBeUndefined();

    // A new sign-in gets a display of its own; the old pairing is gone with the old sign-in.
    await api.signOut();
    await until(() => (ids.at(-1) === undefined ? true : undefined), 'the display unpaired');
    await kiosk.signInWithToken(ADMIN);
    const next = await until(() => ids.at(-1), 'a new pairing');
    expect(next).not.toBe(displayId);
    expect(await failure(api.showOnDisplay(displayId, { offerId: created.id, uri: created.uri, credentialName: 'x' }))).toMatchObject({
      status: 404,
    });
    expect(problems).toEqual([]);
    await api.signOut();
  });
});
