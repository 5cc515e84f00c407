import { zCreateWalletProviderRequest, zWalletPolicy, zWalletProvider, zWalletProviderList } from '../api/z-wallet-policy';
import { zCreateMetadataSignerRequest, zInstallMetadataSignerRequest, zMetadataSigner } from '../api/z-metadata-signer';
import { json, jsonBody } from './route-builders';
import type { RouteSpec } from './route-spec';

// The wallet-protocol settings routes of the one route table (route-table.ts spreads them in;
// DESIGN §8, §12): the wallet policy, the trusted wallet providers and the metadata signing key,
// for admins on the clerk's listener. Kept apart only to keep each file short.
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
  getMetadataSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/metadata-signer',
    role: 'admin',
    response: json(zMetadataSigner),
  },
  createMetadataSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v1/counter/metadata-signer',
    role: 'admin',
    body: jsonBody(zCreateMetadataSignerRequest),
    response: json(zMetadataSigner, 201),
  },
  installMetadataSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v1/counter/metadata-signer',
    role: 'admin',
    body: jsonBody(zInstallMetadataSignerRequest),
    response: json(zMetadataSigner),
  },
} as const satisfies Record<string, RouteSpec>;
