import type { z } from 'zod';
import { zAnalyticsEventList } from '../api/z-analytics-event';
import { zAuthorizationSummary } from '../api/z-authorization';
import { zAuthorizationList, zCodeOfferList, zCreatedCodeOffer } from '../api/z-authorization-responses';
import { zCounterSettings, zIacaList } from '../api/z-counter-settings';
import { zMdocConfigurationList } from '../api/z-mdoc-configuration';
import { zCreatePreAuthorizedOfferResponse, zOfferList, zOfferSummary } from '../api/z-pre-authorized-offer';
import { CounterApiError, type CounterApi } from '../counter-api';
import { responseError, unreachable } from './response-error';
import { watchAuthorizationsStream } from './watch-authorizations-stream';
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
const CODE_OFFERS = '/v1/openid/offers';
const AUTHORIZATIONS = '/v1/openid/authorizations';

function query(params: Record<string, string | number | undefined> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * CounterApi over the engine's HTTP management API (DESIGN §3): the browser in headless mode, and
 * electron/main calling the engine in-process. DOM-free: fetch, streams and zod only.
 */
export function createHttpCounterApi({
  baseUrl,
  token,
  fetch: fetchFn = (input, init) => fetch(input, init),
}: HttpCounterApiOptions): CounterApi {
  const url = (path: string): string => new URL(path, baseUrl).toString();
  const headers = { authorization: `Bearer ${token}` };
  const id = (value: string): string => encodeURIComponent(value);
  // EventSource cannot send the Authorization header: fetch + a stream reader instead.
  const openStream = (path: string) => (signal: AbortSignal) =>
    fetchFn(url(path), { headers: { ...headers, accept: 'text/event-stream' }, cache: 'no-store', signal });

  async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetchFn(url(path), {
        method,
        headers:
          body === undefined
            ? { ...headers, accept: 'application/json' }
            : { ...headers, accept: 'application/json', 'content-type': 'application/json' },
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
    getOffer: (offerId) => json(zOfferSummary, 'GET', `${OFFERS}/${id(offerId)}`),
    listOffers: (q) => json(zOfferList, 'GET', `${OFFERS}${query({ ...q })}`),
    cancelOffer: async (offerId) => {
      await send('DELETE', `${OFFERS}/${id(offerId)}`);
    },
    watchOffer: (offerId, listener) => watchOfferStream({ listener, open: openStream(`${OFFERS}/${id(offerId)}/events`) }),
    listEvents: (q) => json(zAnalyticsEventList, 'GET', `/v1/analytics/events${query({ ...q })}`),
    getSettings: () => json(zCounterSettings, 'GET', '/v1/counter/settings'),
    listIacas: async () => (await json(zIacaList, 'GET', '/v1/mdoc/iacas')).iacas,
    listAuthorizations: (q) => json(zAuthorizationList, 'GET', `${AUTHORIZATIONS}${query({ ...q })}`),
    watchAuthorizations: (listener) => watchAuthorizationsStream({ listener, open: openStream(`${AUTHORIZATIONS}/events`) }),
    approveAuthorization: (authorizationId, claims) =>
      json(zAuthorizationSummary, 'POST', `${AUTHORIZATIONS}/${id(authorizationId)}/approve`, { claims }),
    rejectAuthorization: (authorizationId) => json(zAuthorizationSummary, 'POST', `${AUTHORIZATIONS}/${id(authorizationId)}/reject`),
    createCodeOffer: (request) => json(zCreatedCodeOffer, 'POST', CODE_OFFERS, request),
    listCodeOffers: async () => (await json(zCodeOfferList, 'GET', CODE_OFFERS)).data,
    revokeCodeOffer: async (offerId) => {
      await send('DELETE', `${CODE_OFFERS}/${id(offerId)}`);
    },
  };
}
