import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import type { OfferSummary } from '../../shared/api/z-pre-authorized-offer';
import type { AuthorizationSummary } from '../../shared/api/z-authorization';
import { CounterApiError, type AuthorizationsWatchEvent, type CounterApi, type OfferWatchEvent } from '../../shared/counter-api';
import { invokeChannel, invokeMethods, unwatchChannel, watchChannel, watchEventChannel, watchMethods } from '../../shared/ipc/channels';
import { registerCounterIpc } from './ipc-handlers';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const OFFER_ID = '7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01';
const SUB_ID = '0c9a3f5e-1b2d-4e6f-8a7b-9c0d1e2f3a4b';
const summary: OfferSummary = { id: OFFER_ID, credentials: ['c'], status: 'pending', createdAt: 'a', expiresAt: 'b' };

function harness(api: Partial<CounterApi>) {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const sent: unknown[] = [];
  const destroyed: Array<() => void> = [];
  const sender = {
    id: 1,
    isDestroyed: () => false,
    send: (channel: string, message: unknown) => sent.push([channel, message]),
    once: (_: string, fn: () => void) => destroyed.push(fn),
  };
  const event = (url = 'app://counter/index.html') => ({ senderFrame: { url }, sender }) as unknown as IpcMainInvokeEvent;
  const dispose = registerCounterIpc(ipc as never, api as CounterApi, (url) => url.startsWith('app://counter/'));
  const call = (channel: string, args: unknown[], url?: string) => handlers.get(channel)!(event(url), ...args);
  return { handlers, call, sent, destroyed, dispose };
}

describe('registerCounterIpc', () => {
  it('answers every method with an ok envelope', async () => {
    const h = harness({ getOffer: async (id) => ({ ...summary, id }), listOffers: async () => ({ data: [] }) });
    expect([...h.handlers.keys()].sort()).toEqual(
      [...invokeMethods.map(invokeChannel), ...watchMethods.map(watchChannel), unwatchChannel].sort(),
    );
    expect(await h.call(invokeChannel('getOffer'), [OFFER_ID])).toEqual({ ok: true, value: summary });
    expect(await h.call(invokeChannel('listOffers'), [])).toEqual({ ok: true, value: { data: [] } });
  });

  it('parses arguments before the engine sees them', async () => {
    let called = false;
    const h = harness({
      getOffer: async () => ((called = true), summary),
      createOffer: async () => ((called = true), { id: OFFER_ID, uri: 'x', expiresAt: 'y' }),
    });
    expect(await h.call(invokeChannel('getOffer'), ['../../etc'])).toMatchObject({
      ok: false,
      error: { status: 400, code: 'InvalidIpcArguments' },
    });
    expect(await h.call(invokeChannel('getOffer'), [OFFER_ID, 'extra'])).toMatchObject({ ok: false });
    expect(await h.call(invokeChannel('createOffer'), [{ credentials: [], sneaky: true }])).toMatchObject({ ok: false });
    expect(called).toBe(false);
  });

  it('refuses frames that are not our UI', async () => {
    const h = harness({
      getSettings: async () => ({
        credentialIssuer: 'x',
        defaultOfferSeconds: 1,
        maxOfferSeconds: 2,
        warnings: [],
        trust: { country: 'NZ', signerKeyCustody: 'files', signerKeyKind: 'file', notices: [] },
      }),
    });
    expect(await h.call(invokeChannel('getSettings'), [], 'https://evil.example/')).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('passes engine errors through as data', async () => {
    const h = harness({
      cancelOffer: async () => Promise.reject(new CounterApiError({ status: 409, code: 'Conflict', message: 'already claimed' })),
    });
    expect(await h.call(invokeChannel('cancelOffer'), [OFFER_ID])).toEqual({
      ok: false,
      error: { status: 409, code: 'Conflict', message: 'already claimed' },
    });
  });

  it('streams watch events to the sender and stops on unwatch or when the window goes', async () => {
    const listeners: Array<(e: OfferWatchEvent) => void> = [];
    let stopped = 0;
    const h = harness({
      watchOffer: (_id, listener) => {
        listeners.push(listener);
        return () => void stopped++;
      },
    });
    expect(await h.call(watchChannel('watchOffer'), [SUB_ID, OFFER_ID])).toEqual({ ok: true, value: undefined });
    expect(await h.call(watchChannel('watchOffer'), [SUB_ID, OFFER_ID])).toMatchObject({ ok: false });
    listeners[0]!({ type: 'status', offer: summary });
    expect(h.sent).toEqual([[watchEventChannel, { subscriptionId: SUB_ID, event: { type: 'status', offer: summary } }]]);
    await h.call(unwatchChannel, [SUB_ID]);
    expect(stopped).toBe(1);

    await h.call(watchChannel('watchOffer'), [SUB_ID, OFFER_ID]);
    h.destroyed.at(-1)!();
    expect(stopped).toBe(2);
    h.dispose();
    expect(h.handlers.size).toBe(0);
  });

  it('parses the Authorization Code calls: approve needs a uuid and a claims object, code offers a strict body', async () => {
    const approved: Array<[string, Record<string, unknown>]> = [];
    const authorization: AuthorizationSummary = {
      id: SUB_ID,
      shortCode: '4821',
      credentials: ['c'],
      clientId: 'w',
      status: 'approved',
      createdAt: 'a',
      expiresAt: 'b',
    };
    const h = harness({
      approveAuthorization: async (id, claims) => (approved.push([id, claims]), authorization),
      createCodeOffer: async () => ({ id: OFFER_ID, uri: 'openid-credential-offer://?x' }),
      listAuthorizations: async () => ({ data: [authorization] }),
    });
    expect(await h.call(invokeChannel('approveAuthorization'), [SUB_ID, { family_name: 'Doe' }])).toEqual({
      ok: true,
      value: authorization,
    });
    expect(await h.call(invokeChannel('approveAuthorization'), [SUB_ID, 'Doe'])).toMatchObject({
      ok: false,
      error: { code: 'InvalidIpcArguments' },
    });
    expect(await h.call(invokeChannel('approveAuthorization'), ['4821', {}])).toMatchObject({ ok: false });
    expect(approved).toEqual([[SUB_ID, { family_name: 'Doe' }]]);
    expect(await h.call(invokeChannel('createCodeOffer'), [{ credentials: ['c'] }])).toMatchObject({ ok: true });
    expect(await h.call(invokeChannel('createCodeOffer'), [{ credentials: ['c'], claims: {} }])).toMatchObject({ ok: false });
    expect(await h.call(invokeChannel('listAuthorizations'), [{ status: 'pending' }])).toMatchObject({ ok: true });
    expect(await h.call(invokeChannel('listAuthorizations'), [{ status: 'whatever' }])).toMatchObject({ ok: false });
  });

  it('streams the pending authorizations to the window that asked', async () => {
    let listener: ((e: AuthorizationsWatchEvent) => void) | undefined;
    let stopped = 0;
    const h = harness({
      watchAuthorizations: (l) => {
        listener = l;
        return () => void stopped++;
      },
    });
    expect(await h.call(watchChannel('watchAuthorizations'), [SUB_ID, 'extra'])).toMatchObject({ ok: false });
    expect(await h.call(watchChannel('watchAuthorizations'), [SUB_ID], 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
    expect(await h.call(watchChannel('watchAuthorizations'), [SUB_ID])).toEqual({ ok: true, value: undefined });
    listener!({ type: 'authorizations', authorizations: [] });
    expect(h.sent).toEqual([[watchEventChannel, { subscriptionId: SUB_ID, event: { type: 'authorizations', authorizations: [] } }]]);
    h.dispose();
    expect(stopped).toBe(1);
  });
});
