import { describe, expect, it } from 'vitest';
import { CounterApiError } from '../../../shared/counter-api';
import { createHttpCounterApi, type FetchLike } from './http-counter-api';

function recorder(reply: (url: string, init?: RequestInit) => Response | Promise<Response>): { fetch: FetchLike; calls: Array<{ url: string; init?: RequestInit }> } {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, ...(init ? { init } : {}) });
      return reply(url, init);
    },
  };
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createHttpCounterApi', () => {
  it('sends the bearer token and builds queries without empty parameters', async () => {
    const r = recorder(() => json({ data: [] }));
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk:8787', token: 't0k', fetch: r.fetch });
    await api.listOffers({ status: 'pending', limit: 50 });
    await api.listEvents({});
    expect(r.calls.map((c) => c.url)).toEqual(['http://kiosk:8787/v1/openid/offers/pre-authorized?status=pending&limit=50', 'http://kiosk:8787/v1/analytics/events']);
    expect(new Headers(r.calls[0]!.init?.headers).get('authorization')).toBe('Bearer t0k');
  });

  it('posts offers as JSON', async () => {
    const r = recorder(() => json({ id: '7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01', uri: 'openid-credential-offer://?x', expiresAt: '2026-01-01T00:05:00Z', transactionCode: 123456 }, 201));
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: r.fetch });
    const created = await api.createOffer({ credentials: ['c'], offerBy: 'reference' });
    expect(created.transactionCode).toBe(123456);
    expect(r.calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(r.calls[0]!.init?.body))).toEqual({ credentials: ['c'], offerBy: 'reference' });
  });

  it('turns the management error body into a CounterApiError', async () => {
    const r = recorder(() => json({ code: 'Conflict', message: 'Offer already claimed' }, 409));
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: r.fetch });
    const error = await api.cancelOffer('7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CounterApiError);
    expect((error as CounterApiError).toInfo()).toEqual({ status: 409, code: 'Conflict', message: 'Offer already claimed' });
  });

  it('accepts 204 for cancel and reports network failures as status 0', async () => {
    const ok = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: async () => new Response(null, { status: 204 }) });
    await expect(ok.cancelOffer('7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01')).resolves.toBeUndefined();
    const down = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await expect(down.getSettings()).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });

  it('rejects an answer that does not match the contract', async () => {
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: async () => json({ nope: true }) });
    await expect(api.getSettings()).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});
