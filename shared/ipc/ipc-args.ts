import { z } from 'zod';
import { zClerkName, zClerkPin } from '../api/z-clerk';
import { zPairDisplayRequest, zShowOnDisplayRequest } from '../api/z-display';
import { zApproveAuthorizationRequest, zCreateCodeOfferRequest } from '../api/z-authorization';
import { zAuthorizationListQuery, zEventListQuery, zOfferListQuery } from '../api/z-list-query';
import { zCreatePreAuthorizedOfferRequest } from '../api/z-pre-authorized-offer';
import type { CounterApi } from '../counter-api';
import type { InvokeMethod, WatchMethod } from './channels';

// Every IPC argument list is parsed in main before it reaches the engine (STYLE §3): the renderer
// is the less trusted side of the boundary.

export const invokeArgs = {
  listConfigurations: z.tuple([]),
  createOffer: z.tuple([zCreatePreAuthorizedOfferRequest]),
  getOffer: z.tuple([z.uuid()]),
  listOffers: z.tuple([zOfferListQuery.optional()]),
  cancelOffer: z.tuple([z.uuid()]),
  extendOffer: z.tuple([z.uuid()]),
  listEvents: z.tuple([zEventListQuery.optional()]),
  getSettings: z.tuple([]),
  listIacas: z.tuple([]),
  listAuthorizations: z.tuple([zAuthorizationListQuery.optional()]),
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
} satisfies { [K in InvokeMethod]: z.ZodType<Parameters<CounterApi[K]>> };

/** [subscriptionId, …the method's own arguments except the listener] */
export const watchArgs = {
  watchOffer: z.tuple([z.uuid(), z.uuid()]),
  watchAuthorizations: z.tuple([z.uuid()]),
} satisfies { [K in WatchMethod]: z.ZodType<[string, ...unknown[]]> };

/** [subscriptionId] */
export const zUnwatchArgs = z.tuple([z.uuid()]);
