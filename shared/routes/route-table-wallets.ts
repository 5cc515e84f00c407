import { zCreateWalletProviderRequest, zWalletPolicy, zWalletProvider, zWalletProviderList } from '../api/z-wallet-policy';
import { json, jsonBody } from './route-builders';
import type { RouteSpec } from './route-spec';

// The wallet-protocol settings routes of the one route table (route-table.ts spreads them in;
// DESIGN §8, §12): the wallet policy and the trusted wallet providers, for admins on the clerk's
// listener. Kept apart only to keep each file short.
export const walletProtocolRoutes = {
  getWalletPolicy: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/wallet-policy',
    role: 'admin',
    response: json(zWalletPolicy),
  },
  updateWalletPolicy: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v1/counter/wallet-policy',
    role: 'admin',
    body: jsonBody(zWalletPolicy),
    response: json(zWalletPolicy),
  },
  listWalletProviders: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/wallet-providers',
    role: 'admin',
    response: json(zWalletProviderList),
  },
  createWalletProvider: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/wallet-providers',
    role: 'admin',
    body: jsonBody(zCreateWalletProviderRequest),
    response: json(zWalletProvider, 201),
  },
  deleteWalletProvider: {
    family: 'management',
    listener: 'clerk',
    method: 'DELETE',
    path: '/v1/counter/wallet-providers/:id',
    role: 'admin',
    response: { kind: 'empty' },
  },
} as const satisfies Record<string, RouteSpec>;
