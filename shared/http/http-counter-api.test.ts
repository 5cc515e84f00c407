import { describe, expect, it } from 'vitest';
import { CounterApiError } from '../counter-api';
import { createHttpCounterApi, type FetchLike } from './http-counter-api';

function recorder(reply: (url: string, init?: RequestInit) => Response | Promise<Response>): {
  fetch: FetchLike;
  calls: Array<{ url: string; init?: RequestInit }>;
} {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, ...(init ? { init } : {}) });
      return reply(url, init);
    },
  };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createHttpCounterApi', () => {
  it('sends the bearer token and builds queries without empty parameters', async () => {
    const r = recorder(() => json({ data: [] }));
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk:8787', token: 't0k', fetch: r.fetch });
    await api.listOffers({ status: 'pending', limit: 50 });
    await api.listEvents({});
    expect(r.calls.map((c) => c.url)).toEqual([
      'http://kiosk:8787/v1/openid/offers/pre-authorized?status=pending&limit=50',
      'http://kiosk:8787/v1/analytics/events',
    ]);
    expect(new Headers(r.calls[0]!.init?.headers).get('authorization')).toBe('Bearer t0k');
  });

  it('posts offers as JSON', async () => {
    const r = recorder(() =>
      json(
        {
          id: '7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01',
          uri: 'openid-credential-offer://?x',
          expiresAt: '2026-01-01T00:05:00Z',
          transactionCode: 123456,
        },
        201,
      ),
    );
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

  it('speaks the Authorization Code routes: authorizations and Authorization Code offers', async () => {
    const AUTH_ID = '0c9a3f5e-1b2d-4e6f-8a7b-9c0d1e2f3a4b';
    const OFFER_ID = '7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01';
    const authorization = {
      id: AUTH_ID,
      shortCode: '0421',
      credentials: ['c'],
      clientId: 'wallet',
      status: 'approved',
      createdAt: 'a',
      expiresAt: 'b',
    };
    const r = recorder((url, init) => {
      if (url.endsWith('/approve') || url.endsWith('/reject')) return json(authorization);
      if (url.endsWith('/v1/openid/offers') && init?.method === 'POST')
        return json({ id: OFFER_ID, uri: 'openid-credential-offer://?credential_offer=x' }, 201);
      if (init?.method === 'DELETE') return new Response(null, { status: 204 });
      return json({ data: [] });
    });
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: r.fetch });
    await api.listAuthorizations({ status: 'pending', limit: 20 });
    expect(await api.approveAuthorization(AUTH_ID, { family_name: 'Doe' })).toEqual(authorization);
    await api.rejectAuthorization(AUTH_ID);
    expect(await api.createCodeOffer({ credentials: ['c'] })).toEqual({
      id: OFFER_ID,
      uri: 'openid-credential-offer://?credential_offer=x',
    });
    expect(await api.listCodeOffers()).toEqual([]);
    await api.revokeCodeOffer(OFFER_ID);
    expect(r.calls.map((c) => `${c.init?.method ?? 'GET'} ${c.url}`)).toEqual([
      'GET http://kiosk/v1/openid/authorizations?status=pending&limit=20',
      `POST http://kiosk/v1/openid/authorizations/${AUTH_ID}/approve`,
      `POST http://kiosk/v1/openid/authorizations/${AUTH_ID}/reject`,
      'POST http://kiosk/v1/openid/offers',
      'GET http://kiosk/v1/openid/offers',
      `DELETE http://kiosk/v1/openid/offers/${OFFER_ID}`,
    ]);
    expect(JSON.parse(String(r.calls[1]!.init?.body))).toEqual({ claims: { family_name: 'Doe' } });
    expect(r.calls[2]!.init?.body).toBeUndefined();
  });

  it('follows the pending authorizations over server-sent events', async () => {
    const pending = {
      id: '0c9a3f5e-1b2d-4e6f-8a7b-9c0d1e2f3a4b',
      shortCode: '4821',
      credentials: ['c'],
      clientId: 'wallet',
      status: 'pending',
      createdAt: 'a',
      expiresAt: 'b',
    };
    const r = recorder(
      () =>
        new Response(`event: authorizations\ndata: ${JSON.stringify({ data: [pending] })}\n\n`, {
          headers: { 'content-type': 'text/event-stream' },
        }),
    );
    const api = createHttpCounterApi({ baseUrl: 'http://kiosk', token: 't', fetch: r.fetch });
    const seen = await new Promise<unknown>((resolve) => {
      const stop = api.watchAuthorizations((event) => {
        if (event.type === 'authorizations') {
          stop();
          resolve(event.authorizations);
        }
      });
    });
    expect(seen).toEqual([pending]);
    expect(r.calls[0]!.url).toBe('http://kiosk/v1/openid/authorizations/events');
    expect(new Headers(r.calls[0]!.init?.headers).get('accept')).toBe('text/event-stream');
  });
});
