import { z } from 'zod';
import type { AnalyticsEventList } from './api/z-analytics-event';
import type { ErrorDetail } from './api/z-management-error';
import type { MdocConfiguration } from './api/z-mdoc-configuration';
import type {
  CreatePreAuthorizedOfferRequest,
  CreatePreAuthorizedOfferResponse,
  OfferList,
  OfferStatus,
  OfferSummary,
} from './api/z-pre-authorized-offer';

// The one contract between the counter UI and the engine (DESIGN §1). Two implementations:
// HTTP in the browser (renderer/src/api/http-counter-api.ts) and IPC in Electron
// (renderer/src/api/ipc-counter-api.ts over electron/preload).

// TODO(lead): these two response shapes have no schema in shared/api yet; move them there when the
// engine's routes define theirs (GET /v1/counter/settings, GET /v1/mdoc/iacas).
export const zCounterSettings = z.object({
  credentialIssuer: z.string(),
  defaultOfferSeconds: z.number().int().positive(),
  maxOfferSeconds: z.number().int().positive(),
});
export type CounterSettings = z.infer<typeof zCounterSettings>;

export const zIaca = z.object({ id: z.string(), certificatePem: z.string() });
export type Iaca = z.infer<typeof zIaca>;
export const zIacaList = z.object({ iacas: z.array(zIaca) });

export interface OfferListQuery {
  status?: OfferStatus;
  limit?: number;
  cursor?: string;
}

export interface EventListQuery {
  type?: string;
  limit?: number;
  cursor?: string;
}

/** What a failed call tells the UI; plain data so that it crosses IPC unchanged. */
export interface CounterApiErrorInfo {
  /** HTTP status (0 when the engine could not be reached). */
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export class CounterApiError extends Error implements CounterApiErrorInfo {
  readonly status: number;
  readonly code: string;
  readonly details?: ErrorDetail[];

  constructor(info: CounterApiErrorInfo) {
    super(info.message);
    this.name = 'CounterApiError';
    this.status = info.status;
    this.code = info.code;
    if (info.details) this.details = info.details;
  }

  toInfo(): CounterApiErrorInfo {
    return { status: this.status, code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** Anything thrown by a CounterApi call, as plain data. */
export function errorInfo(error: unknown): CounterApiErrorInfo {
  if (error instanceof CounterApiError) return error.toInfo();
  return { status: 0, code: 'UnexpectedError', message: error instanceof Error ? error.message : String(error) };
}

/** Events of watchOffer: every status the engine reports, and whether the live link is up. */
export type OfferWatchEvent =
  | { type: 'status'; offer: OfferSummary }
  | { type: 'connection'; connected: boolean }
  /** The watch stopped for good (401, 404, …); no more events follow. */
  | { type: 'error'; error: CounterApiErrorInfo };

export type Unsubscribe = () => void;

export interface CounterApi {
  listConfigurations(): Promise<MdocConfiguration[]>;
  createOffer(request: CreatePreAuthorizedOfferRequest): Promise<CreatePreAuthorizedOfferResponse>;
  getOffer(id: string): Promise<OfferSummary>;
  listOffers(query?: OfferListQuery): Promise<OfferList>;
  /** Resolves when the offer can no longer be redeemed; 409 when a credential was already issued. */
  cancelOffer(id: string): Promise<void>;
  /**
   * Live status of one offer: the current status at once, then every change, until a final status
   * (accepted, expired, cancelled, locked), an error, or unsubscribe.
   */
  watchOffer(id: string, listener: (event: OfferWatchEvent) => void): Unsubscribe;
  listEvents(query?: EventListQuery): Promise<AnalyticsEventList>;
  getSettings(): Promise<CounterSettings>;
  listIacas(): Promise<Iaca[]>;
}
