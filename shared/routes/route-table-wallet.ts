import { zIacaList } from '../api/z-counter-settings';
import {
  zAuthorizationServerMetadata,
  zCredentialIssuerMetadata,
  zCredentialOffer,
  zCredentialResponse,
  zForm,
  zHolderWaitStatus,
  zJsonBody,
  zNonceResponse,
  zPushedAuthorizationResponse,
  zTokenResponse,
} from '../api/z-wallet';
import { empty, events, formBody, json, jsonBody, page } from './route-builders';
import type { RouteSpec } from './route-spec';

// The routes phones and verifiers reach (wallet endpoints, the holder's pages, public documents) of
// the one route table (route-table.ts spreads them in; DESIGN §8): kept apart only to keep each
// file short.
export const walletRoutes = {
  // Wallet endpoints (DESIGN §4), OAuth-shaped errors.
  token: {
    family: 'wallet',
    listener: 'wallet',
    method: 'POST',
    path: '/v1/oauth/token',
    role: 'public',
    body: formBody,
    response: json(zTokenResponse),
    noStore: true,
  },
  pushAuthorizationRequest: {
    family: 'wallet',
    listener: 'wallet',
    method: 'POST',
    path: '/v1/oauth/par',
    role: 'public',
    body: formBody,
    response: json(zPushedAuthorizationResponse, 201),
    noStore: true,
  },
  nonce: {
    family: 'wallet',
    listener: 'wallet',
    method: 'POST',
    path: '/v1/openid/nonce',
    role: 'public',
    response: json(zNonceResponse),
    noStore: true,
  },
  credential: {
    family: 'wallet',
    listener: 'wallet',
    method: 'POST',
    path: '/v1/openid/credential',
    role: 'accessToken',
    body: jsonBody(zJsonBody),
    response: json(zCredentialResponse),
    noStore: true,
  },
  notification: {
    family: 'wallet',
    listener: 'wallet',
    method: 'POST',
    path: '/v1/openid/notification',
    role: 'accessToken',
    body: jsonBody(zJsonBody),
    response: empty,
  },

  // The holder's browser during the Authorization Code flow (DESIGN §4, §8).
  authorize: {
    family: 'holder',
    listener: 'wallet',
    method: 'GET',
    path: '/v1/oauth/authorize',
    role: 'public',
    query: zForm,
    response: page,
  },
  authorizationWait: {
    family: 'holder',
    listener: 'wallet',
    method: 'GET',
    path: '/v1/oauth/authorize/wait/:handle',
    role: 'public',
    response: page,
  },

  authorizationWaitEvents: {
    family: 'holder',
    listener: 'wallet',
    method: 'GET',
    path: '/v1/oauth/authorize/wait/:handle/events',
    role: 'public',
    response: events('status', zHolderWaitStatus),
  },

  // Public documents for wallets and verifiers.
  credentialIssuerMetadata: {
    family: 'document',
    listener: 'wallet',
    method: 'GET',
    path: '/.well-known/openid-credential-issuer',
    role: 'public',
    response: json(zCredentialIssuerMetadata),
    signedForm: true,
  },
  authorizationServerMetadata: {
    family: 'document',
    listener: 'wallet',
    method: 'GET',
    path: '/.well-known/oauth-authorization-server',
    role: 'public',
    response: json(zAuthorizationServerMetadata),
  },
  // Also on the clerk's listener: the Settings screen offers the IACA for download.
  iacas: { family: 'document', listener: 'both', method: 'GET', path: '/v1/mdoc/iacas', role: 'public', response: json(zIacaList) },
  credentialOfferByReference: {
    family: 'document',
    listener: 'wallet',
    method: 'GET',
    path: '/v1/openid/credential-offers/:reference',
    role: 'public',
    response: json(zCredentialOffer),
    noStore: true,
  },
} as const satisfies Record<string, RouteSpec>;
