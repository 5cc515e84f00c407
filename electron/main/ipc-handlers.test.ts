import { describe, expect, it } from 'vitest';
import type { AuthorizationSummary } from '../../shared/api/z-authorization';
import type { OfferSummary } from '../../shared/api/z-pre-authorized-offer';
import { CounterApiError, type AuthorizationsWatchEvent, type CounterApi, type OfferWatchEvent } from '../../shared/counter-api';
import { createBridge } from '../../shared/ipc/bridge';
import { counterBridge, invokeMethods, watchMethods, type CounterBridge } from '../../shared/ipc/channels';
import { ipcPair } from '../../test/support/ipc-pair';
import { registerCounterIpc } from './ipc-handlers';

// Main's side of window.counter, called the way the generated preload calls it (through an IPC
// stand-in that structured-clones everything). The engine behind is a stand-in here: these tests
// are about what reaches it and what does not; kiosk-ipc-path.test.ts runs the real engine.

const OFFER_ID = '7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01';
const summary: OfferSummary = { id: OFFER_ID, credentials: ['c'], status: 'pending', createdAt: 'a', expiresAt: 'b' };
const UI = 'app://counter/index.html';
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

function harness(api: Partial<CounterApi>) {
  const pair = ipcPair();
  const clerk = pair.window(UI);
  const dispose = registerCounterIpc(
    pair.main,
    api as CounterApi,
    (s) => s.url.startsWith('app://counter/') && s.webContentsId === clerk.webContentsId,
  );
  const bridge = (window = clerk): CounterBridge => createBridge<CounterApi, typeof counterBridge>(counterBridge, window);
  return { pair, clerk, bridge, dispose };
}

describe('registerCounterIpc', () => {
  it('has a channel for every method of the list and nothing else', () => {
    const h = harness({});
    expect(h.pair.channels()).toEqual([...invokeMethods, ...watchMethods, 'unwatch'].map((m) => `counter:${m}`).sort());
    h.dispose();
    expect(h.pair.channels()).toEqual([]);
  });

  it('answers every call with an ok envelope', async () => {
    const h = harness({ getOffer: async (id) => ({ ...summary, id }), listOffers: async () => ({ data: [] }) });
    expect(await h.bridge().getOffer(OFFER_ID)).toEqual({ ok: true, value: summary });
    expect(await h.bridge().listOffers()).toEqual({ ok: true, value: { data: [] } });
  });

  it('parses arguments before the engine sees them', async () => {
    let called = false;
    const h = harness({
      getOffer: async () => ((called = true), summary),
      createOffer: async () => ((called = true), { id: OFFER_ID, uri: 'x', expiresAt: 'y' }),
      listOffers: async () => ((called = true), { data: [] }),
    });
    const bridge = h.bridge() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(await bridge.getOffer!('../../etc')).toMatchObject({ ok: false, error: { status: 400, code: 'InvalidIpcArguments' } });
    expect(await bridge.getOffer!(OFFER_ID, 'extra')).toMatchObject({ ok: false });
    expect(await bridge.createOffer!({ credentials: [], sneaky: true })).toMatchObject({ ok: false });
    // The list's query is its route's schema: the same limits as `?limit=` over HTTP.
    expect(await bridge.listOffers!({ limit: 1001 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/limit/) } });
    expect(await bridge.listOffers!({ status: 'whatever' })).toMatchObject({ ok: false });
    expect(called).toBe(false);
  });

  it('hears only our UI in the clerk window (not another page, not the customer display window)', async () => {
    let calls = 0;
    const h = harness({ listIacas: async () => (calls++, []) });
    expect(await h.bridge(h.pair.window('https://evil.example/')).listIacas()).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await h.bridge(h.pair.window('app://evil/index.html')).listIacas()).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await h.bridge(h.pair.window(UI)).listIacas()).toMatchObject({ ok: false, error: { status: 403 } });
    expect(calls).toBe(0);
    expect(await h.bridge().listIacas()).toEqual({ ok: true, value: [] });
  });

  it('passes engine errors through as data', async () => {
    const h = harness({
      cancelOffer: async () => Promise.reject(new CounterApiError({ status: 409, code: 'Conflict', message: 'already claimed' })),
    });
    expect(await h.bridge().cancelOffer(OFFER_ID)).toEqual({
      ok: false,
      error: { status: 409, code: 'Conflict', message: 'already claimed' },
    });
  });

  it('streams watch events to the window that asked, until it unsubscribes or goes', async () => {
    const listeners: Array<(e: OfferWatchEvent) => void> = [];
    let stopped = 0;
    const h = harness({
      watchOffer: (_id, listener) => {
        listeners.push(listener);
        return () => void stopped++;
      },
    });
    const seen: OfferWatchEvent[] = [];
    const stop = h.bridge().watchOffer(OFFER_ID, (e) => seen.push(e));
    await tick();
    listeners[0]!({ type: 'status', offer: summary });
    await tick();
    expect(seen).toEqual([{ type: 'status', offer: summary }]);
    stop();
    await tick();
    expect(stopped).toBe(1);
    listeners[0]!({ type: 'status', offer: { ...summary, status: 'claimed' } });
    await tick();
    expect(seen).toHaveLength(1);

    h.bridge().watchOffer(OFFER_ID, () => {});
    await tick();
    h.clerk.close();
    expect(stopped).toBe(2);
  });

  it('a refused watch is the watch\u2019s own error event', async () => {
    const h = harness({ watchOffer: () => () => {} });
    const seen: OfferWatchEvent[] = [];
    h.bridge().watchOffer('not-a-uuid', (e) => seen.push(e));
    await tick();
    expect(seen).toMatchObject([{ type: 'error', error: { status: 400, code: 'InvalidIpcArguments' } }]);
  });

  it('parses the Authorization Code calls, and streams the pending list', async () => {
    const authorization: AuthorizationSummary = {
      id: OFFER_ID,
      shortCode: '4821',
      credentials: ['c'],
      clientId: 'w',
      status: 'approved',
      createdAt: 'a',
      expiresAt: 'b',
    };
    let listener: ((e: AuthorizationsWatchEvent) => void) | undefined;
    const h = harness({
      approveAuthorization: async () => authorization,
      createCodeOffer: async () => ({ id: OFFER_ID, uri: 'openid-credential-offer://?x' }),
      watchAuthorizations: (l) => ((listener = l), () => {}),
    });
    const bridge = h.bridge() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(await bridge.approveAuthorization!(OFFER_ID, { family_name: 'Doe' })).toEqual({ ok: true, value: authorization });
    expect(await bridge.approveAuthorization!(OFFER_ID, 'Doe')).toMatchObject({ ok: false, error: { code: 'InvalidIpcArguments' } });
    expect(await bridge.createCodeOffer!({ credentials: ['c'], claims: {} })).toMatchObject({ ok: false });
    const lists: AuthorizationsWatchEvent[] = [];
    h.bridge().watchAuthorizations((e) => lists.push(e));
    await tick();
    listener!({ type: 'authorizations', authorizations: [authorization] });
    await tick();
    expect(lists).toEqual([{ type: 'authorizations', authorizations: [authorization] }]);
  });
});
