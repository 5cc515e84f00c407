import {
  zCreateDocumentSignerRequest,
  zCreateIacaRequest,
  zDocumentSigner,
  zDocumentSignerList,
  zIacaDetails,
  zIacaDetailsList,
  zRevokeDocumentSignerResponse,
  zUpdateDocumentSignerRequest,
  zUpdateIacaRequest,
} from '../api/z-trust';
import { json, jsonBody } from './route-builders';
import type { RouteSpec } from './route-spec';

// The trust routes of the one route table (route-table.ts spreads them in; DESIGN §8): kept apart
// only to keep each file short.
export const trustRoutes = {
  // DESIGN §10 trust (MATTR VII shapes): IACAs and Document Signers, for admins on the clerk's listener.
  listIacas: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/iacas',
    role: 'admin',
    response: json(zIacaDetailsList),
  },
  createIaca: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v2/credentials/mobile/iacas',
    role: 'admin',
    body: jsonBody(zCreateIacaRequest),
    response: json(zIacaDetails, 201),
  },
  getIaca: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/iacas/:id',
    role: 'admin',
    response: json(zIacaDetails),
  },
  updateIaca: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v2/credentials/mobile/iacas/:id',
    role: 'admin',
    body: jsonBody(zUpdateIacaRequest),
    response: json(zIacaDetails),
  },
  listDocumentSigners: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/document-signers',
    role: 'admin',
    response: json(zDocumentSignerList),
  },
  createDocumentSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v2/credentials/mobile/document-signers',
    role: 'admin',
    body: jsonBody(zCreateDocumentSignerRequest),
    response: json(zDocumentSigner, 201),
  },
  getDocumentSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/document-signers/:id',
    role: 'admin',
    response: json(zDocumentSigner),
  },
  updateDocumentSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v2/credentials/mobile/document-signers/:id',
    role: 'admin',
    body: jsonBody(zUpdateDocumentSignerRequest),
    response: json(zDocumentSigner),
  },
  revokeDocumentSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v2/credentials/mobile/document-signers/:id/revoke',
    role: 'admin',
    response: json(zRevokeDocumentSignerResponse),
  },

  // DESIGN §11: status-list signers, the same shapes and CSR flow as Document Signers under the same IACAs.
  listStatusListSigners: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/status-list-signers',
    role: 'admin',
    response: json(zDocumentSignerList),
  },
  createStatusListSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v2/credentials/mobile/status-list-signers',
    role: 'admin',
    body: jsonBody(zCreateDocumentSignerRequest),
    response: json(zDocumentSigner, 201),
  },
  getStatusListSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'GET',
    path: '/v2/credentials/mobile/status-list-signers/:id',
    role: 'admin',
    response: json(zDocumentSigner),
  },
  updateStatusListSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'PUT',
    path: '/v2/credentials/mobile/status-list-signers/:id',
    role: 'admin',
    body: jsonBody(zUpdateDocumentSignerRequest),
    response: json(zDocumentSigner),
  },
  // Extension (as for Document Signers): a managed IACA's status-list signer onto its CRL.
  revokeStatusListSigner: {
    family: 'management',
    listener: 'clerk',
    method: 'POST',
    path: '/v2/credentials/mobile/status-list-signers/:id/revoke',
    role: 'admin',
    response: json(zRevokeDocumentSignerResponse),
  },

  // DESIGN §10: a managed IACA's CRL at the CRL distribution point its certificates name.
  iacaCrl: {
    family: 'document',
    listener: 'wallet',
    method: 'GET',
    path: '/v2/credentials/mobile/iacas/:id/crl',
    role: 'public',
    response: { kind: 'bytes', mediaType: 'application/pkix-crl' },
  },
} as const satisfies Record<string, RouteSpec>;
