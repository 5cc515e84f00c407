import { z } from 'zod';
import { zApproveAuthorizationRequest, zAuthorizationStatus, zCreateCodeOfferRequest } from '../api/z-authorization';
import { zCreatePreAuthorizedOfferRequest, zOfferStatus } from '../api/z-pre-authorized-offer';
import type { CounterApi } from '../counter-api';
import type { InvokeMethod, WatchMethod } from './channels';

// Every IPC argument list is parsed in main before it reaches the engine (STYLE §3): the renderer
// is the less trusted side of the boundary.

const zLimit = z.number().int().min(1).max(100);
const zCursor = z.string().min(1).max(200);

export const invokeArgs = {
  listConfigurations: z.tuple([]),
  createOffer: z.tuple([zCreatePreAuthorizedOfferRequest]),
  getOffer: z.tuple([z.uuid()]),
  listOffers: z.tuple([
    z.strictObject({ status: zOfferStatus.optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional(),
  ]),
  cancelOffer: z.tuple([z.uuid()]),
  listEvents: z.tuple([
    z.strictObject({ type: z.string().min(1).max(100).optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional(),
  ]),
  getSettings: z.tuple([]),
  listIacas: z.tuple([]),
  listAuthorizations: z.tuple([
    z.strictObject({ status: zAuthorizationStatus.optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional(),
  ]),
  approveAuthorization: z.tuple([z.uuid(), zApproveAuthorizationRequest.shape.claims]),
  rejectAuthorization: z.tuple([z.uuid()]),
  createCodeOffer: z.tuple([zCreateCodeOfferRequest]),
  listCodeOffers: z.tuple([]),
  revokeCodeOffer: z.tuple([z.uuid()]),
} satisfies { [K in InvokeMethod]: z.ZodType<Parameters<CounterApi[K]>> };

/** [subscriptionId, …the method's own arguments except the listener] */
export const watchArgs = {
  watchOffer: z.tuple([z.uuid(), z.uuid()]),
  watchAuthorizations: z.tuple([z.uuid()]),
} satisfies { [K in WatchMethod]: z.ZodType<[string, ...unknown[]]> };

/** [subscriptionId] */
export const zUnwatchArgs = z.tuple([z.uuid()]);
