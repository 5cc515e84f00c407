import { z } from 'zod';
import { zAnalyticsEventList } from '../api/z-analytics-event';
import { zCreateApiTokenRequest, zApiTokenSummary, zCreatedApiToken } from '../api/z-api-token';
import { zApproveAuthorizationRequest, zAuthorizationSummary, zCreateCodeOfferRequest } from '../api/z-authorization';
import { zAuthorizationList, zAuthorizationsEventData, zCodeOfferList, zCreatedCodeOffer } from '../api/z-authorization-responses';
import {
  zClerkList,
  zClerkPinRequest,
  zClerkSession,
  zClerkSignInRequest,
  zClerkSummary,
  zCreateClerkRequest,
  zWhoAmI,
} from '../api/z-clerk';
import { zCounterSettings } from '../api/z-counter-settings';
import { zCreatedDisplay, zDisplayState, zPairDisplayRequest, zPairedDisplay, zShowOnDisplayRequest } from '../api/z-display';
import { zAuthorizationListQuery, zCodeOfferListQuery, zEventListQuery, zOfferListQuery } from '../api/z-list-query';
import { zMdocConfiguration, zMdocConfigurationInput, zMdocConfigurationList } from '../api/z-mdoc-configuration';
import { zHealth, zReadiness } from '../api/z-operations';
import {
  zCreatePreAuthorizedOfferRequest,
  zCreatePreAuthorizedOfferResponse,
  zOfferList,
  zOfferSummary,
} from '../api/z-pre-authorized-offer';
import type { RouteSpec } from './route-spec';
import { empty, events, json, jsonBody } from './route-builders';
import { walletRoutes } from './route-table-wallet';
import { trustRoutes } from './route-table-trust';
import { statusRoutes } from './route-table-status';
import { walletProtocolRoutes } from './route-table-wallets';

// Every HTTP route of the engine, in one table (DESIGN §8). The server binds one handler per id
// (electron/engine/http/handlers: the compiler refuses a missing one), the HTTP client in
// shared/http calls routes by id, and the error shape of any path, which listener answers it and
// the fuzz tests' route list all come from here. No path is written anywhere else.
//
// To add a route: add an entry below (id → family, listener, method, path with `:param`s, role,
// request schemas, response); run `npm run typecheck`, which then names the handler map that lacks
// it; add the handler there. Two routes may not match the same method and path (route-table.test.ts
// checks), so the order of entries means nothing. Families: `management` (MATTR-shaped errors,
// needs a token), `wallet` (OAuth-shaped), `holder` (pages in the holder's browser), `document`
// (public JSON for wallets and verifiers), `ui` (the counter UI's files; a `/*` path takes only what
// no other route matches), `operations` (probes and metrics, no token; management-shaped errors).
// Listeners: `clerk` (management + UI), `wallet` (what phones may reach), or `both`.

export const routeTable = {
  // Management API (DESIGN §3): the clerk's listener only.
  createPreAuthorizedOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/openid/offers/pre-authorized',
    role: 'issuer',
    body: jsonBody(zCreatePreAuthorizedOfferRequest),
    response: json(zCreatePreAuthorizedOfferResponse, 201),
    noStore: true,
  },
  listPreAuthorizedOffers: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/openid/offers/pre-authorized',
    role: 'issuer',
    query: zOfferListQuery,
    response: json(zOfferList),
  },
  getPreAuthorizedOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/openid/offers/pre-authorized/:id',
    role: 'issuer',
    response: json(zOfferSummary),
  },
  watchPreAuthorizedOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/openid/offers/pre-authorized/:id/events',
    role: 'issuer',
    response: events('status', zOfferSummary),
  },
  cancelPreAuthorizedOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/openid/offers/pre-authorized/:id',
    role: 'issuer',
    response: empty,
  },
  extendPreAuthorizedOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/openid/offers/pre-authorized/:id/extend',
    role: 'issuer',
    response: json(zOfferSummary),
  },
  createCodeOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/openid/offers',
    role: 'issuer',
    body: jsonBody(zCreateCodeOfferRequest),
    response: json(zCreatedCodeOffer, 201),
  },
  listCodeOffers: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/openid/offers',
    role: 'issuer',
    query: zCodeOfferListQuery,
    response: json(zCodeOfferList),
  },
  revokeCodeOffer: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/openid/offers/:id',
    role: 'issuer',
    response: empty,
  },
  listAuthorizations: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/openid/authorizations',
    role: 'issuer',
    query: zAuthorizationListQuery,
    response: json(zAuthorizationList),
  },
  watchAuthorizations: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/openid/authorizations/events',
    role: 'issuer',
    response: events('authorizations', zAuthorizationsEventData),
  },
  approveAuthorization: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/openid/authorizations/:id/approve',
    role: 'issuer',
    body: jsonBody(zApproveAuthorizationRequest),
    response: json(zAuthorizationSummary),
  },
  rejectAuthorization: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/openid/authorizations/:id/reject',
    role: 'issuer',
    response: json(zAuthorizationSummary),
  },
  listConfigurations: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/configurations',
    role: 'issuer',
    response: json(zMdocConfigurationList),
  },
  getConfiguration: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/configurations/:id',
    role: 'issuer',
    response: json(zMdocConfiguration),
  },
  createConfiguration: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v2/credentials/mobile/configurations',
    role: 'admin',
    body: jsonBody(zMdocConfigurationInput),
    response: json(zMdocConfiguration, 201),
  },
  updateConfiguration: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v2/credentials/mobile/configurations/:id',
    role: 'admin',
    body: jsonBody(zMdocConfigurationInput),
    response: json(zMdocConfiguration),
  },
  deleteConfiguration: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v2/credentials/mobile/configurations/:id',
    role: 'admin',
    response: empty,
  },
  listEvents: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/analytics/events',
    role: 'admin',
    query: zEventListQuery,
    response: json(zAnalyticsEventList),
  },
  getCounterSettings: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/settings',
    role: 'issuer',
    response: json(zCounterSettings),
  },
  listApiTokens: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/api-tokens',
    role: 'admin',
    response: json(z.object({ data: z.array(zApiTokenSummary) })),
  },
  createApiToken: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/api-tokens',
    role: 'admin',
    body: jsonBody(zCreateApiTokenRequest),
    response: json(zCreatedApiToken, 201),
    noStore: true,
  },
  revokeApiToken: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/counter/api-tokens/:id',
    role: 'admin',
    response: empty,
  },

  // Clerks who sign in as themselves (DESIGN §14): admins manage them, a clerk's PIN gives an issuer session.
  listClerks: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/clerks',
    role: 'admin',
    response: json(zClerkList),
  },
  createClerk: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/clerks',
    role: 'admin',
    body: jsonBody(zCreateClerkRequest),
    response: json(zClerkSummary, 201),
  },
  setClerkPin: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v1/counter/clerks/:id/pin',
    role: 'admin',
    body: jsonBody(zClerkPinRequest),
    response: json(zClerkSummary),
  },
  removeClerk: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/counter/clerks/:id',
    role: 'admin',
    response: empty,
  },
  signInClerk: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/clerk-sessions',
    role: 'public',
    body: jsonBody(zClerkSignInRequest),
    response: json(zClerkSession, 201),
    noStore: true,
  },
  signOutClerk: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/counter/clerk-sessions/current',
    role: 'issuer',
    response: empty,
  },
  whoAmI: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/session',
    role: 'issuer',
    response: json(zWhoAmI),
  },

  // The customer-facing display (DESIGN §14): the page asks for a pairing code, the clerk pairs it and shows offers on it.
  createDisplay: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/displays',
    role: 'public',
    response: json(zCreatedDisplay, 201),
    noStore: true,
  },
  watchDisplay: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/displays/:id/events',
    // The display's own token, checked by the engine.
    role: 'public',
    response: events('display', zDisplayState),
  },
  pairDisplay: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/displays/pair',
    role: 'issuer',
    body: jsonBody(zPairDisplayRequest),
    response: json(zPairedDisplay),
  },
  showOnDisplay: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v1/counter/displays/:id/offer',
    role: 'issuer',
    body: jsonBody(zShowOnDisplayRequest),
    response: empty,
    noStore: true,
  },
  clearDisplay: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/counter/displays/:id/offer',
    role: 'issuer',
    response: empty,
  },
  unpairDisplay: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/counter/displays/:id',
    role: 'issuer',
    response: empty,
  },
  ...walletProtocolRoutes,

  ...walletRoutes,
  ...trustRoutes,
  ...statusRoutes,

  // Operations (DESIGN §13): liveness and readiness probes and Prometheus metrics, for the branch's
  // IT on the clerk's listener (never the phones'); no token, so that probes and scrapers need none.
  healthz: { family: 'operations', listener: 'clerk', method: 'GET', path: '/healthz', role: 'public', response: json(zHealth) },
  readyz: { family: 'operations', listener: 'clerk', method: 'GET', path: '/readyz', role: 'public', response: json(zReadiness) },
  metrics: {
    family: 'operations',
    listener: 'clerk',
    method: 'GET',
    path: '/metrics',
    role: 'public',
    response: { kind: 'text', mediaType: 'text/plain; version=0.0.4; charset=utf-8' },
  },

  // The counter UI (DESIGN §7): its files, and index.html for its client-side routes.
  counterUi: { family: 'ui', listener: 'clerk', method: 'GET', path: '/*', role: 'public', response: { kind: 'files' } },
} as const satisfies Record<string, RouteSpec>;

export type RouteTable = typeof routeTable;
export type RouteId = keyof RouteTable;
export const routeIds = Object.keys(routeTable) as RouteId[];
