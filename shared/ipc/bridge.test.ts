import { describe, expect, it } from 'vitest';
import { CounterApiError, type CounterApi } from '../counter-api';
import { createBridge, type BridgeSpec, type RendererIpc } from './bridge';
import { clientOfBridge } from './bridge-client';
import { counterBridge, invokeMethods, watchMethods } from './channels';
import { displayBridge, kioskBridge } from './kiosk-channels';

// The preload's bridge and the renderer's client are generated from the method lists: every name
// in a list is there, on its own channel, and nothing else is.

function recordingIpc(answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: 'v' })) {
  const calls: Array<[string, unknown[]]> = [];
  const listening: string[] = [];
  let deliver: ((message: unknown) => void) | undefined;
  const ipc: RendererIpc = {
    invoke: async (channel, ...args) => (calls.push([channel, args]), answer(channel, args)),
    on: (channel, listener) => (listening.push(channel), (deliver = listener)),
    randomId: () => `id-${calls.length}`,
  };
  return { ipc, calls, listening, deliver: (message: unknown) => deliver?.(message) };
}

describe('createBridge', () => {
  it('has exactly the methods of the list, each on its own channel with its arguments', async () => {
    for (const spec of [counterBridge, kioskBridge, displayBridge] as BridgeSpec<Record<string, unknown>>[]) {
      const { ipc, calls } = recordingIpc();
      const bridge = createBridge<Record<string, unknown>, BridgeSpec<Record<string, unknown>>>(spec, ipc) as Record<
        string,
        (...args: unknown[]) => unknown
      >;
      expect(Object.keys(bridge).sort()).toEqual([...spec.invoke, ...spec.watch].sort());
      for (const method of spec.invoke) expect(await bridge[method]!(1, 'two', { three: 3 })).toEqual({ ok: true, value: 'v' });
      expect(calls).toEqual(spec.invoke.map((method) => [`${spec.name}:${method}`, [1, 'two', { three: 3 }]]));
    }
  });

  it('names every CounterApi method: the lists the preload is generated from are complete', () => {
    const bridge = createBridge<CounterApi, typeof counterBridge>(counterBridge, recordingIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...invokeMethods, ...watchMethods].sort());
    expect(new Set(Object.keys(bridge)).size).toBe(invokeMethods.length + watchMethods.length);
  });

  it('starts a watch with a subscription id, delivers only its events, and unwatches once', async () => {
    const { ipc, calls, listening, deliver } = recordingIpc(() => ({ ok: true, value: undefined }));
    const bridge = createBridge<CounterApi, typeof counterBridge>(counterBridge, ipc);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = bridge.watchOffer('offer-1', (e) => first.push(e));
    bridge.watchAuthorizations((e) => second.push(e));
    expect(calls).toEqual([
      ['counter:watchOffer', ['id-0', 'offer-1']],
      ['counter:watchAuthorizations', ['id-1']],
    ]);
    expect(listening).toEqual(['counter:watch-event']); // one channel listener for all watches
    deliver({ subscriptionId: 'id-0', event: { type: 'connection', connected: true } });
    deliver({ subscriptionId: 'id-1', event: { type: 'authorizations', authorizations: [] } });
    deliver({ subscriptionId: 'someone-else', event: { type: 'connection', connected: false } });
    expect(first).toEqual([{ type: 'connection', connected: true }]);
    expect(second).toEqual([{ type: 'authorizations', authorizations: [] }]);
    stopFirst();
    stopFirst();
    deliver({ subscriptionId: 'id-0', event: { type: 'connection', connected: false } });
    expect(first).toHaveLength(1);
    expect(calls.filter(([channel]) => channel === 'counter:unwatch')).toEqual([['counter:unwatch', ['id-0']]]);
  });

  it('turns a refused watch into its error event', async () => {
    const error = { status: 403, code: 'Forbidden', message: 'IPC from an untrusted frame' };
    const { ipc } = recordingIpc(() => ({ ok: false, error }));
    const events: unknown[] = [];
    createBridge<CounterApi, typeof counterBridge>(counterBridge, ipc).watchAuthorizations((e) => events.push(e));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual([{ type: 'error', error }]);
  });

  it('refuses a watch without a listener', () => {
    const bridge = createBridge<CounterApi, typeof counterBridge>(counterBridge, recordingIpc().ipc) as unknown as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    expect(() => bridge.watchOffer!('offer-1')).toThrow(/listener/);
  });
});

describe('clientOfBridge', () => {
  it('unwraps answers and throws refusals as CounterApiError, for every listed method', async () => {
    const { ipc } = recordingIpc((channel) =>
      channel === 'counter:cancelOffer'
        ? { ok: false, error: { status: 409, code: 'Conflict', message: 'claimed' } }
        : { ok: true, value: channel },
    );
    const api = clientOfBridge<CounterApi, typeof counterBridge>(
      counterBridge,
      createBridge<CounterApi, typeof counterBridge>(counterBridge, ipc),
    );
    expect(Object.keys(api).sort()).toEqual([...invokeMethods, ...watchMethods].sort());
    for (const method of invokeMethods.filter((m) => m !== 'cancelOffer'))
      expect(await (api[method] as () => Promise<unknown>)()).toBe(`counter:${method}`);
    const refusal = await api.cancelOffer('x').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CounterApiError);
    expect(refusal).toMatchObject({ status: 409, code: 'Conflict', message: 'claimed' });
    expect(typeof api.watchOffer('x', () => {})).toBe('function');
  });
});
