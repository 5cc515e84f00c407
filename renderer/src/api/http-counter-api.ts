import type { z } from 'zod';
import { zAnalyticsEventList } from '../../../shared/api/z-analytics-event';
import { zMdocConfigurationList } from '../../../shared/api/z-mdoc-configuration';
import { zCreatePreAuthorizedOfferResponse, zOfferList, zOfferSummary } from '../../../shared/api/z-pre-authorized-offer';
import { CounterApiError, zCounterSettings, zIacaList, type CounterApi } from '../../../shared/counter-api';
import { responseError, unreachable } from './response-error';
import { watchOfferStream } from './watch-offer-stream';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpCounterApiOptions {
  /** The engine's origin, e.g. window.location.origin. */
  baseUrl: string;
  /** A management API token (DESIGN §3). */
  token: string;
  fetch?: FetchLike;
}

const OFFERS = '/v1/openid/offers/pre-authorized';

function query(params: Record<string, string | number | undefined> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** CounterApi over the engine's HTTP management API (headless mode, DESIGN §3). */
export function createHttpCounterApi({ baseUrl, token, fetch: fetchFn = (input, init) => fetch(input, init) }: HttpCounterApiOptions): CounterApi {
  const url = (path: string): string => new URL(path, baseUrl).toString();
  const headers = { authorization: `Bearer ${token}` };

  async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetchFn(url(path), {
        method,
        headers: body === undefined ? { ...headers, accept: 'application/json' } : { ...headers, accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      throw unreachable(cause);
    }
    if (!response.ok) throw await responseError(response);
    return response;
  }

  async function json<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
    const response = await send(method, path, body);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new CounterApiError({ status: response.status, code: 'InvalidResponse', message: `Unexpected answer from ${method} ${path}` });
    }
    return parsed.data;
  }

  return {
    listConfigurations: async () => (await json(zMdocConfigurationList, 'GET', '/v2/credentials/mobile/configurations')).data,
    createOffer: (request) => json(zCreatePreAuthorizedOfferResponse, 'POST', OFFERS, request),
    getOffer: (id) => json(zOfferSummary, 'GET', `${OFFERS}/${encodeURIComponent(id)}`),
    listOffers: (q) => json(zOfferList, 'GET', `${OFFERS}${query({ ...q })}`),
    cancelOffer: async (id) => {
      await send('DELETE', `${OFFERS}/${encodeURIComponent(id)}`);
    },
    watchOffer: (id, listener) =>
      watchOfferStream({
        listener,
        open: (signal) => fetchFn(url(`${OFFERS}/${encodeURIComponent(id)}/events`), { headers: { ...headers, accept: 'text/event-stream' }, cache: 'no-store', signal }),
      }),
    listEvents: (q) => json(zAnalyticsEventList, 'GET', `/v1/analytics/events${query({ ...q })}`),
    getSettings: () => json(zCounterSettings, 'GET', '/v1/counter/settings'),
    listIacas: async () => (await json(zIacaList, 'GET', '/v1/mdoc/iacas')).iacas,
  };
}
