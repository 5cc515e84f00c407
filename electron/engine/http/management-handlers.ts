import type { EngineContext } from '../core/context';
import { createApiToken, listApiTokens, revokeApiToken } from '../core/auth/api-tokens';
import { createClerk, listClerks, removeClerk, setClerkPin, signInClerk, signOutClerk, whoAmI } from '../core/auth/clerks';
import { createCodeOffer, listCodeOffers, revokeCodeOffer } from '../core/authorization/code-offers';
import { approveAuthorization, listAuthorizations, rejectAuthorization } from '../core/authorization/decide-authorization';
import {
  createConfiguration,
  deleteConfiguration,
  getConfiguration,
  listConfigurations,
  updateConfiguration,
} from '../core/configurations/manage-configurations';
import { listEvents } from '../core/events/list-events';
import { counterSettings } from '../core/metadata/counter-settings';
import { createPreAuthorizedOffer } from '../core/offers/create-pre-authorized-offer';
import { cancelOffer, extendOffer, getOffer, listOffers } from '../core/offers/manage-offers';
import { clearDisplay, createDisplay, pairDisplay, showOnDisplay, unpairDisplay } from '../core/display/displays';
import { createSigner, getSigner, listSigners, revokeSigner, updateSigner } from '../core/trust/manage-signers';
import { createIaca, getIaca, listIacas, updateIaca } from '../core/trust/manage-iacas';
import { getCredentialStatus, listIssuedCredentials, setCredentialStatus } from '../core/status/manage-status';
import { statusListOverview, updateStatusListSettings } from '../core/status/status-list-overview';
import { streamPendingAuthorizations } from './authorization-stream';
import { streamDisplay } from './display-stream';
import { streamOfferStatus } from './offer-status-stream';
import {
  createWalletProvider,
  deleteWalletProvider,
  getWalletPolicy,
  listWalletProviders,
  updateWalletPolicy,
} from '../core/wallets/manage-wallet-trust';
import { createMetadataSigner, getMetadataSigner, installMetadataSigner } from '../core/metadata/manage-metadata-signer';
import type { ManagementHandlers } from './route-handler';

/** The management API (DESIGN §3): one handler per route of the table; the binder has checked token and role. */
export const managementHandlers = (ctx: EngineContext): ManagementHandlers => ({
  createPreAuthorizedOffer: ({ body, request }) => createPreAuthorizedOffer(ctx, body, request),
  listPreAuthorizedOffers: ({ query }) => listOffers(ctx, query),
  getPreAuthorizedOffer: ({ params }) => getOffer(ctx, params.id),
  watchPreAuthorizedOffer: ({ params }, c) => streamOfferStatus(ctx, c, params.id),
  cancelPreAuthorizedOffer: ({ params, request }) => cancelOffer(ctx, params.id, request),
  extendPreAuthorizedOffer: ({ params, request }) => extendOffer(ctx, params.id, request),

  // DESIGN §4 (Authorization Code flow): Authorization Code offers, and the holders waiting for the clerk.
  createCodeOffer: ({ body, request }) => createCodeOffer(ctx, body, request),
  listCodeOffers: ({ query }) => listCodeOffers(ctx, query),
  revokeCodeOffer: ({ params }) => revokeCodeOffer(ctx, params.id),
  listAuthorizations: ({ query }) => listAuthorizations(ctx, query),
  watchAuthorizations: (_call, c) => streamPendingAuthorizations(ctx, c),
  approveAuthorization: ({ params, body, request }) => approveAuthorization(ctx, params.id, body, request),
  rejectAuthorization: ({ params, request }) => rejectAuthorization(ctx, params.id, request),

  listConfigurations: () => listConfigurations(ctx),
  getConfiguration: ({ params }) => getConfiguration(ctx, params.id),
  createConfiguration: ({ body, request }) => createConfiguration(ctx, body, request),
  updateConfiguration: ({ params, body, request }) => updateConfiguration(ctx, params.id, body, request),
  deleteConfiguration: ({ params, request }) => deleteConfiguration(ctx, params.id, request),

  listEvents: ({ query }) => listEvents(ctx, query),

  // DESIGN §10: IACAs and Document Signers.
  listIacas: () => listIacas(ctx),
  createIaca: ({ body, request }) => createIaca(ctx, body, request),
  getIaca: ({ params }) => getIaca(ctx, params.id),
  updateIaca: ({ params, body, request }) => updateIaca(ctx, params.id, body, request),
  listDocumentSigners: () => listSigners(ctx, 'document_signer'),
  createDocumentSigner: ({ body, request }) => createSigner(ctx, 'document_signer', body, request),
  getDocumentSigner: ({ params }) => getSigner(ctx, 'document_signer', params.id),
  updateDocumentSigner: ({ params, body, request }) => updateSigner(ctx, 'document_signer', params.id, body, request),
  revokeDocumentSigner: ({ params, request }) => revokeSigner(ctx, 'document_signer', params.id, request),
  // DESIGN §11: status-list signers, the same flow.
  listStatusListSigners: () => listSigners(ctx, 'status_list_signer'),
  createStatusListSigner: ({ body, request }) => createSigner(ctx, 'status_list_signer', body, request),
  getStatusListSigner: ({ params }) => getSigner(ctx, 'status_list_signer', params.id),
  updateStatusListSigner: ({ params, body, request }) => updateSigner(ctx, 'status_list_signer', params.id, body, request),
  revokeStatusListSigner: ({ params, request }) => revokeSigner(ctx, 'status_list_signer', params.id, request),
  // DESIGN §11: the status of issued mDocs.
  setCredentialStatus: ({ params, body, request }) => setCredentialStatus(ctx, params.credentialId, body, request),
  getCredentialStatus: ({ params }) => getCredentialStatus(ctx, params.credentialId),
  listIssuedCredentials: ({ query }) => listIssuedCredentials(ctx, query),
  getStatusListOverview: () => statusListOverview(ctx),
  updateStatusListSettings: ({ body, request }) => updateStatusListSettings(ctx, body, request),

  getCounterSettings: () => counterSettings(ctx),
  listApiTokens: () => listApiTokens(ctx),
  createApiToken: ({ body }) => createApiToken(ctx, body),
  revokeApiToken: ({ params }) => revokeApiToken(ctx, params.id),

  listClerks: () => listClerks(ctx),
  createClerk: ({ body, request }) => createClerk(ctx, body, request),
  setClerkPin: ({ params, body, request }) => setClerkPin(ctx, params.id, body, request),
  removeClerk: ({ params, request }) => removeClerk(ctx, params.id, request),
  signInClerk: ({ body, request }) => signInClerk(ctx, body, request),
  signOutClerk: ({ principal, request }) => signOutClerk(ctx, principal, request),
  whoAmI: ({ principal }) => whoAmI(principal),

  createDisplay: ({ request }) => createDisplay(ctx, request),
  watchDisplay: ({ params, authorization }, c) => streamDisplay(ctx, c, params.id, authorization),
  pairDisplay: ({ principal, body }) => pairDisplay(ctx, principal, body),
  showOnDisplay: ({ principal, params, body }) => showOnDisplay(ctx, principal, params.id, body),
  clearDisplay: ({ principal, params }) => clearDisplay(ctx, principal, params.id),
  unpairDisplay: ({ principal, params }) => unpairDisplay(ctx, principal, params.id),
  // DESIGN §12: the wallet policy and the trusted wallet providers.
  getWalletPolicy: () => getWalletPolicy(ctx),
  updateWalletPolicy: ({ body, request }) => updateWalletPolicy(ctx, body, request),
  listWalletProviders: () => listWalletProviders(ctx),
  createWalletProvider: ({ body, request }) => createWalletProvider(ctx, body, request),
  deleteWalletProvider: ({ params, request }) => deleteWalletProvider(ctx, params.id, request),
  getMetadataSigner: () => getMetadataSigner(ctx),
  createMetadataSigner: ({ body, request }) => createMetadataSigner(ctx, body, request),
  installMetadataSigner: ({ body, request }) => installMetadataSigner(ctx, body, request),
});
