import {
  zCredentialStatusResponse,
  zIssuedCredentialList,
  zSetCredentialStatusRequest,
  zStatusListDistribution,
  zStatusListOverview,
  zUpdateStatusListSettingsRequest,
} from '../api/z-credential-status';
import { zIssuedCredentialQuery } from '../api/z-list-query';
import type { RouteSpec } from './route-spec';

// The status list routes of the one route table (route-table.ts spreads them in; DESIGN §8, §11).
// A credential id is made of hex digits and dashes (a UUID), so it never reads as a literal segment
// such as `configurations` of the routes beside it.
const CREDENTIAL = '/v2/credentials/mobile/:credentialId{[0-9a-fA-F-]+}/status';

export const statusRoutes = {
  // Management: the clerk's listener.
  setCredentialStatus: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: CREDENTIAL,
    role: 'issuer',
    body: { type: 'json', schema: zSetCredentialStatusRequest },
    response: { kind: 'json', status: 200, schema: zCredentialStatusResponse },
  },
  getCredentialStatus: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: CREDENTIAL,
    role: 'issuer',
    response: { kind: 'json', status: 200, schema: zCredentialStatusResponse },
  },
  listIssuedCredentials: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/issued',
    role: 'issuer',
    query: zIssuedCredentialQuery,
    response: { kind: 'json', status: 200, schema: zIssuedCredentialList },
  },
  // Extension: what the Settings screen shows about the lists (signed, published, expiring).
  getStatusListOverview: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v1/counter/status-lists',
    role: 'admin',
    response: { kind: 'json', status: 200, schema: zStatusListOverview },
  },
  // Extension: the setting that signs the lists with the Document Signer's own certificate instead (DESIGN §11).
  updateStatusListSettings: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v1/counter/status-lists',
    role: 'admin',
    body: { type: 'json', schema: zUpdateStatusListSettingsRequest },
    response: { kind: 'json', status: 200, schema: zStatusListOverview },
  },

  // Public documents on the wallet-facing listener: verifiers and wallets fetch them.
  statusListDistribution: {
    family: 'document',
    listener: 'wallet',
    method: 'GET',
    path: '/v2/credentials/mobile/status-lists/distribution',
    role: 'public',
    response: { kind: 'json', status: 200, schema: zStatusListDistribution },
  },
  statusListToken: {
    family: 'document',
    listener: 'wallet',
    method: 'GET',
    path: '/v2/credentials/mobile/status-lists/:id/token',
    role: 'public',
    response: { kind: 'bytes', mediaType: 'application/statuslist+cwt' },
  },
} as const satisfies Record<string, RouteSpec>;
