import { z } from 'zod';
import { zClerkName, zClerkPin } from '../api/z-clerk';
import { zCreateWalletProviderRequest, zWalletPolicy } from '../api/z-wallet-policy';
import { zPairDisplayRequest, zShowOnDisplayRequest } from '../api/z-display';
import { zApproveAuthorizationRequest, zCreateCodeOfferRequest } from '../api/z-authorization';
import { zBranchServerSettings } from '../api/z-branch-server';
import { zClerkSignInRequest } from '../api/z-clerk';
import { zCredentialStatus, zStatusListSignWith, zStatusReason } from '../api/z-credential-status';
import { zCreatePreAuthorizedOfferRequest } from '../api/z-pre-authorized-offer';
import type { CounterApi } from '../counter-api';
import { routeTable } from '../routes/route-table';
import type { InvokeMethod, WatchMethod } from './channels';
import type { CustomerDisplayApi, KioskApi } from './kiosk-channels';

// Every IPC argument list is parsed in main before it reaches the engine (STYLE §3): the renderer
// is the less trusted side of the boundary. A list's query is its route's own schema (DESIGN §3:
// one set of limits, whichever way a list is asked for).

export const invokeArgs = {
  listConfigurations: z.tuple([]),
  createOffer: z.tuple([zCreatePreAuthorizedOfferRequest]),
  getOffer: z.tuple([z.uuid()]),
  listOffers: z.tuple([routeTable.listPreAuthorizedOffers.query.optional()]),
  cancelOffer: z.tuple([z.uuid()]),
  extendOffer: z.tuple([z.uuid()]),
  listEvents: z.tuple([routeTable.listEvents.query.optional()]),
  getSettings: z.tuple([]),
  listIacas: z.tuple([]),
  listAuthorizations: z.tuple([routeTable.listAuthorizations.query.optional()]),
  approveAuthorization: z.tuple([z.uuid(), zApproveAuthorizationRequest.shape.claims]),
  rejectAuthorization: z.tuple([z.uuid()]),
  createCodeOffer: z.tuple([zCreateCodeOfferRequest]),
  listCodeOffers: z.tuple([]),
  revokeCodeOffer: z.tuple([z.uuid()]),
  whoAmI: z.tuple([]),
  signOut: z.tuple([]),
  listClerks: z.tuple([]),
  createClerk: z.tuple([zClerkName, zClerkPin]),
  setClerkPin: z.tuple([z.uuid(), zClerkPin]),
  removeClerk: z.tuple([z.uuid()]),
  pairDisplay: z.tuple([zPairDisplayRequest.shape.pairingCode]),
  showOnDisplay: z.tuple([z.uuid(), zShowOnDisplayRequest]),
  clearDisplay: z.tuple([z.uuid()]),
  unpairDisplay: z.tuple([z.uuid()]),
  listTrustIacas: z.tuple([]),
  registerIaca: z.tuple([z.string().min(1).max(20_000)]),
  setIacaActive: z.tuple([z.uuid(), z.boolean()]),
  listDocumentSigners: z.tuple([]),
  createDocumentSigner: z.tuple([z.uuid()]),
  installDocumentSignerCertificate: z.tuple([z.uuid(), z.string().min(1).max(20_000)]),
  listStatusListSigners: z.tuple([]),
  createStatusListSigner: z.tuple([z.uuid()]),
  installStatusListSignerCertificate: z.tuple([z.uuid(), z.string().min(1).max(20_000)]),
  listIssuedCredentials: z.tuple([routeTable.listIssuedCredentials.query.optional()]),
  setCredentialStatus: z.union([z.tuple([z.uuid(), zCredentialStatus]), z.tuple([z.uuid(), zCredentialStatus, zStatusReason.optional()])]),
  getStatusLists: z.tuple([]),
  setStatusListSignWith: z.tuple([zStatusListSignWith]),
  getWalletPolicy: z.tuple([]),
  updateWalletPolicy: z.tuple([zWalletPolicy]),
  listWalletProviders: z.tuple([]),
  createWalletProvider: z.tuple([zCreateWalletProviderRequest]),
  deleteWalletProvider: z.tuple([z.uuid()]),
} satisfies { [K in InvokeMethod]: z.ZodType<Parameters<CounterApi[K]>> };

/** A watch's own arguments, without the listener (the subscription id comes first, apart). */
export const watchArgs = {
  watchOffer: z.tuple([z.uuid()]),
  watchAuthorizations: z.tuple([]),
} satisfies { [K in WatchMethod]: z.ZodType<unknown[]> };

export const kioskInvokeArgs = {
  engineMode: z.tuple([]),
  useBranchServer: z.tuple([zBranchServerSettings.nullable()]),
  signInClerk: z.tuple([zClerkSignInRequest.shape.name, zClerkSignInRequest.shape.pin]),
  signInWithToken: z.tuple([z.string().trim().min(1).max(4096)]),
} satisfies { [K in Exclude<keyof KioskApi, 'watchCustomerDisplay'>]: z.ZodType<Parameters<KioskApi[K]>> };

export const kioskWatchArgs = { watchCustomerDisplay: z.tuple([]) };

export const displayWatchArgs = { watch: z.tuple([]) } satisfies { [K in keyof CustomerDisplayApi]: z.ZodType<unknown[]> };
