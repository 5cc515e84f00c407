import type { AnalyticsEventList } from './api/z-analytics-event';
import type { AuthorizationSummary, CodeOfferSummary, CreateCodeOfferRequest } from './api/z-authorization';
import type { AuthorizationList, AuthorizationStatus, CreatedCodeOffer } from './api/z-authorization-responses';
import type { CounterSettings, Iaca } from './api/z-counter-settings';
import type { ClerkSummary, WhoAmI } from './api/z-clerk';
import type { CreateWalletProviderRequest, WalletPolicy, WalletProvider } from './api/z-wallet-policy';
import type { ShowOnDisplayRequest } from './api/z-display';
import type { ErrorDetail } from './api/z-management-error';
import type { MdocConfiguration } from './api/z-mdoc-configuration';
import type { DocumentSigner, IacaDetails } from './api/z-trust';
import type {
  CredentialStatus,
  IssuedCredentialList,
  StatusListOverview,
  StatusListSignWith,
  StatusReason,
} from './api/z-credential-status';
import type { IssuedCredentialQuery } from './api/z-list-query';
import type {
  CreatePreAuthorizedOfferRequest,
  CreatePreAuthorizedOfferResponse,
  OfferList,
  OfferStatus,
  OfferSummary,
} from './api/z-pre-authorized-offer';

// The one contract between the counter UI and the engine (DESIGN §1). Two implementations:
// HTTP (shared/http/http-counter-api.ts: the browser, and electron/main calling the engine
// in-process) and IPC (renderer/src/api/ipc-counter-api.ts over electron/preload).

export interface OfferListQuery {
  status?: OfferStatus;
  limit?: number;
  cursor?: string;
}

export interface AuthorizationListQuery {
  status?: AuthorizationStatus;
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

/** Events of watchAuthorizations: the whole pending list after every change, and the live link. */
export type AuthorizationsWatchEvent =
  | { type: 'authorizations'; authorizations: AuthorizationSummary[] }
  | { type: 'connection'; connected: boolean }
  /** The watch stopped for good (401, 403, …); no more events follow. */
  | { type: 'error'; error: CounterApiErrorInfo };

export type Unsubscribe = () => void;

export interface CounterApi {
  listConfigurations(): Promise<MdocConfiguration[]>;
  createOffer(request: CreatePreAuthorizedOfferRequest): Promise<CreatePreAuthorizedOfferResponse>;
  getOffer(id: string): Promise<OfferSummary>;
  listOffers(query?: OfferListQuery): Promise<OfferList>;
  /** Resolves when the offer can no longer be redeemed; 409 when a credential was already issued. */
  cancelOffer(id: string): Promise<void>;
  /** *+5 min*: the offer's summary with its new expiresAt; 409 when it is no longer waiting or already at its maximum lifetime. */
  extendOffer(id: string): Promise<OfferSummary>;
  /**
   * Live status of one offer: the current status at once, then every change, until a final status
   * (accepted, expired, cancelled, locked), an error, or unsubscribe.
   */
  watchOffer(id: string, listener: (event: OfferWatchEvent) => void): Unsubscribe;
  listEvents(query?: EventListQuery): Promise<AnalyticsEventList>;
  getSettings(): Promise<CounterSettings>;
  listIacas(): Promise<Iaca[]>;

  // Authorization Code flow with approval at the counter (DESIGN §4).
  listAuthorizations(query?: AuthorizationListQuery): Promise<AuthorizationList>;
  /**
   * The pending authorizations, live: the whole list at once and after every change (a new
   * request, a decision, an expiry), reconnecting when the link drops, until an error or unsubscribe.
   */
  watchAuthorizations(listener: (event: AuthorizationsWatchEvent) => void): Unsubscribe;
  /** `claims` as for a pre-authorized offer; 400 with details when they do not fit, 409 when no longer pending. */
  approveAuthorization(id: string, claims: Record<string, unknown>): Promise<AuthorizationSummary>;
  /** 409 when no longer pending. */
  rejectAuthorization(id: string): Promise<AuthorizationSummary>;
  /** A reusable Authorization Code offer: the poster QR many holders can scan. */
  createCodeOffer(request: CreateCodeOfferRequest): Promise<CreatedCodeOffer>;
  listCodeOffers(): Promise<CodeOfferSummary[]>;
  /** No new authorizations from it afterwards. */
  revokeCodeOffer(id: string): Promise<void>;

  // Who is signed in, and the clerks (DESIGN §14).
  whoAmI(): Promise<WhoAmI>;
  /** Ends a clerk's session (nothing for an API token). */
  signOut(): Promise<void>;
  listClerks(): Promise<ClerkSummary[]>;
  createClerk(name: string, pin: string): Promise<ClerkSummary>;
  /** A new PIN; also unlocks the clerk. */
  setClerkPin(id: string, pin: string): Promise<ClerkSummary>;
  removeClerk(id: string): Promise<void>;

  // The customer-facing display (DESIGN §14).
  /** Pairs the display showing this code with the signed-in clerk; 404 when no display shows it. */
  pairDisplay(pairingCode: string): Promise<{ id: string }>;
  showOnDisplay(displayId: string, what: ShowOnDisplayRequest): Promise<void>;
  clearDisplay(displayId: string): Promise<void>;
  unpairDisplay(displayId: string): Promise<void>;

  // DESIGN §10 trust (admin role): the Trust section of Settings.
  listTrustIacas(): Promise<IacaDetails[]>;
  /** An authority's IACA; 400 with one detail per broken ISO 18013-5 Annex B.1.2 rule. */
  registerIaca(certificatePem: string): Promise<IacaDetails>;
  /** 409 when switching off would leave no Document Signer that can sign. */
  setIacaActive(id: string, active: boolean): Promise<IacaDetails>;
  listDocumentSigners(): Promise<DocumentSigner[]>;
  /** A new key and CSR; under a managed IACA also its certificate, active at once. */
  createDocumentSigner(iacaId: string): Promise<DocumentSigner>;
  /** The authority's certificate for the signer's CSR; 400 with one detail per broken Annex B.1.4 rule. */
  installDocumentSignerCertificate(id: string, certificatePem: string): Promise<DocumentSigner>;
  /** DESIGN §11: status-list signers, the same flow under the same IACAs. */
  listStatusListSigners(): Promise<DocumentSigner[]>;
  createStatusListSigner(iacaId: string): Promise<DocumentSigner>;
  installStatusListSignerCertificate(id: string, certificatePem: string): Promise<DocumentSigner>;

  // DESIGN §11 revocation: issued credentials and the status lists.
  /** Newest first; by userId, offer (id or reference) or time. */
  listIssuedCredentials(query?: IssuedCredentialQuery): Promise<IssuedCredentialList>;
  /** `invalid` is final: a later `valid` is 409. */
  setCredentialStatus(id: string, status: CredentialStatus, reason?: StatusReason): Promise<{ status: CredentialStatus }>;
  /** Admins: who signs the lists, each list's token and publication, what needs doing. */
  getStatusLists(): Promise<StatusListOverview>;
  setStatusListSignWith(signWith: StatusListSignWith): Promise<StatusListOverview>;
  // The wallet protocol (DESIGN §12), for admins: the policy and the trusted wallet providers.
  getWalletPolicy(): Promise<WalletPolicy>;
  /** Replaces the whole policy (absent fields take their defaults). */
  updateWalletPolicy(policy: WalletPolicy): Promise<WalletPolicy>;
  listWalletProviders(): Promise<WalletProvider[]>;
  /** 400 with details when the certificate or JWK is not usable, 409 when it is registered already. */
  createWalletProvider(request: CreateWalletProviderRequest): Promise<WalletProvider>;
  deleteWalletProvider(id: string): Promise<void>;
}
