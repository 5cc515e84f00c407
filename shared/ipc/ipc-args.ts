import { z } from 'zod';
import { zCreatePreAuthorizedOfferRequest, zOfferStatus } from '../api/z-pre-authorized-offer';
import type { CounterApi } from '../counter-api';
import type { InvokeMethod } from './channels';

// Every IPC argument list is parsed in main before it reaches the engine (STYLE §3): the renderer
// is the less trusted side of the boundary.

const zLimit = z.number().int().min(1).max(100);
const zCursor = z.string().min(1).max(200);

export const invokeArgs = {
  listConfigurations: z.tuple([]),
  createOffer: z.tuple([zCreatePreAuthorizedOfferRequest]),
  getOffer: z.tuple([z.uuid()]),
  listOffers: z.tuple([z.strictObject({ status: zOfferStatus.optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional()]),
  cancelOffer: z.tuple([z.uuid()]),
  listEvents: z.tuple([z.strictObject({ type: z.string().min(1).max(100).optional(), limit: zLimit.optional(), cursor: zCursor.optional() }).optional()]),
  getSettings: z.tuple([]),
  listIacas: z.tuple([]),
} satisfies { [K in InvokeMethod]: z.ZodType<Parameters<CounterApi[K]>> };

/** [subscriptionId, offerId] */
export const zWatchArgs = z.tuple([z.uuid(), z.uuid()]);
/** [subscriptionId] */
export const zUnwatchArgs = z.tuple([z.uuid()]);
