// The engine's ports to storage (DESIGN §6). Every method is async so that a networked store
// (PostgreSQL behind several kiosks) can implement the same contract; every single-use transition
// is one method, so that its atomicity is the store's job, not the caller's. A change that spans
// aggregates is one unit of work (`Stores.transaction`), never one store calling another. Stores
// throw only the storage-neutral errors of ./store-errors.
import type { OfferStatus } from '../../../shared/api/z-pre-authorized-offer';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { ApiRole } from '../../../shared/api/z-api-token';

export type { CredentialStatus, StatusReason } from '../../../shared/api/z-credential-status';
export type * from './store-trust';
export type * from './store-status';
export type * from './store-wallet';
export type * from './store-clerks';
import type { TrustStore } from './store-trust';
import type { IssuedCredentialStore, StatusListStore } from './store-status';
import type { WalletProtocolStore } from './store-wallet';
import type { ClerkStore } from './store-clerks';

export interface TxCodeRecord {
  hash: Uint8Array;
  inputMode: 'numeric' | 'text';
  length: number;
  description?: string;
}

/** One page of a list, newest first; `nextCursor` is opaque and present while more remain. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** `cursor` is a `nextCursor` this store returned; anything else is an InvalidCursorError. */
export interface PageQuery {
  limit: number;
  cursor?: string;
}

export type OfferKind = 'pre_authorized' | 'authorization_code';

export interface OfferRecord {
  id: string;
  /** pre_authorized: made by the management API; authorization_code: made when a clerk approves an authorization. */
  kind: OfferKind;
  userId?: string;
  credentials: string[];
  status: OfferStatus;
  createdAt: number;
  expiresAt: number;
  codeHash: Uint8Array;
  referenceHash?: Uint8Array;
  txCode?: TxCodeRecord;
  strikes: number;
  scannedAt?: number;
  tokenIssuedAt?: number;
  tokenExpiresAt?: number;
  claimedAt?: number;
  acceptedAt?: number;
  /** Configuration ids already issued from this offer. */
  issued: string[];
  /** How many mDoc copies were issued from it in all (OID4VCI 1.0 §8: a batch is several copies of one configuration). */
  issuedCopies: number;
  /** RFC 9449 §6: the thumbprint of the DPoP key its access token is bound to (`cnf.jkt`); absent for a Bearer token. */
  tokenJkt?: string;
  /**
   * OID4VCI 1.0 §6.2, §8.2: the configurations its token response described in authorization_details,
   * with credential_identifiers; the access token then names its credential by credential_identifier
   * only, and the offer is claimed once these are issued. Absent for a token granted without them.
   */
  detailsCredentials?: string[];
}

/**
 * An offer found by one of the wallet's secrets, with the holder's data still sealed under it
 * (DESIGN §9, core/claims/sealed-claims.ts); undefined once the offer has ended. Lookups by id or
 * reference (the clerk's views, the by-reference offer) never read it.
 */
export type SealedOfferRecord = OfferRecord & { sealedClaims?: Uint8Array };

export type NewOffer = Omit<
  OfferRecord,
  | 'kind'
  | 'status'
  | 'strikes'
  | 'issued'
  | 'issuedCopies'
  | 'scannedAt'
  | 'tokenIssuedAt'
  | 'tokenExpiresAt'
  | 'tokenJkt'
  | 'detailsCredentials'
  | 'claimedAt'
  | 'acceptedAt'
> & {
  kind?: OfferKind;
  sealedClaims: Uint8Array;
  /** claimsToPersist: the only holder data kept in clear, because the integrator asked (DESIGN §9). */
  persistedClaims?: Record<string, unknown>;
};

/** One mDoc of a batch: its own id and device key (DESIGN §12). */
export interface IssuedCopy {
  id: string;
  deviceKeyThumbprint: string;
  /** A trusted wallet provider attested the device key (OID4VCI 1.0 Appendix D). */
  keyAttested: boolean;
  /** Its own entry in a status list (DESIGN §11), when its configuration includes a status. */
  statusEntry?: StatusEntry;
}

/**
 * The credentials of one credential response: copies of one configuration, with one validity and
 * one notification_id (OID4VCI 1.0 §8.3), each bound to its own key.
 */
export interface IssuedBatchRecord {
  offerId: string;
  configurationId: string;
  docType: string;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  notificationId: string;
  /** The offer's userId, kept with the credentials so that they can be found after the offer is purged (DESIGN §11). */
  userId?: string;
  copies: IssuedCopy[];
}

/** A credential's place in a status list: the list and the index the MSO's `status_list` names. */
export interface StatusEntry {
  listId: string;
  idx: number;
}

/** The access token an offer is redeemed for: only its hash is kept (DESIGN §6). */
export interface RedeemedToken {
  hash: Uint8Array;
  expiresAt: number;
  jkt?: string;
  /** OfferRecord.detailsCredentials: a non-empty subset of the offer's credentials. */
  detailsCredentials?: string[];
}

export type CancelOutcome = 'cancelled' | 'already_cancelled' | 'claimed' | 'not_found';
export type IssuanceOutcome = 'issued' | 'duplicate' | 'inactive';
export type NotificationOutcome = 'recorded' | 'unknown';

export interface OfferStore {
  insert(offer: NewOffer): Promise<void>;
  get(id: string): Promise<OfferRecord | undefined>;
  getByCodeHash(hash: Uint8Array): Promise<SealedOfferRecord | undefined>;
  getByReferenceHash(hash: Uint8Array): Promise<OfferRecord | undefined>;
  getByTokenHash(hash: Uint8Array): Promise<SealedOfferRecord | undefined>;
  list(query: PageQuery & { kind: OfferKind; status?: OfferStatus }): Promise<Page<OfferRecord>>;
  markScanned(id: string, now: number): Promise<void>;
  /**
   * pending and unexpired → token_issued with this token (bound to a DPoP key when `jkt` is given,
   * to credential identifiers of `detailsCredentials` when given), the claims now sealed under it;
   * false if someone else won or it ended.
   */
  redeem(id: string, token: RedeemedToken, sealedClaims: Uint8Array, now: number): Promise<boolean>;
  /** One wrong tx_code. At `maxStrikes` the offer is locked for good and its claims erased. */
  strike(id: string, maxStrikes: number, now: number): Promise<{ strikes: number; locked: boolean } | undefined>;
  cancel(id: string, now: number): Promise<CancelOutcome>;
  /** pending and unexpired → the new expiry; false if it ended (or was redeemed) meanwhile. */
  extend(id: string, expiresAt: number, now: number): Promise<boolean>;
  /**
   * Records a batch (all its copies, or none: one batch per configuration); the offer becomes
   * claimed (claims erased) once every configuration is issued.
   */
  recordIssuance(batch: IssuedBatchRecord, now: number): Promise<IssuanceOutcome>;
  recordNotification(notificationId: string, offerId: string, event: string, now: number): Promise<NotificationOutcome>;
  /** Ends offers whose time is up (pending past expiresAt, token_issued past token expiry) and erases their claims. */
  expireDue(now: number): Promise<number>;
  countOpenReferencing(configurationId: string): Promise<number>;
  /** Retention (DESIGN §9): deletes up to `limit` offers that ended before `endedBefore`, oldest first; how many. */
  purgeEnded(endedBefore: number, limit: number): Promise<number>;
}

export interface ConfigurationStore {
  list(): Promise<MdocConfiguration[]>;
  get(id: string): Promise<MdocConfiguration | undefined>;
  insert(configuration: MdocConfiguration, now: number): Promise<void>;
  /** false when the id is unknown. */
  update(configuration: MdocConfiguration, now: number): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** Inserts these only on the very first start of a data dir. */
  seedOnce(configurations: MdocConfiguration[], now: number): Promise<void>;
}

export interface NonceStore {
  insert(hash: Uint8Array, expiresAt: number): Promise<void>;
  /** Single use: true for exactly one caller, only before expiry. */
  consume(hash: Uint8Array, now: number): Promise<boolean>;
  purgeExpired(now: number): Promise<number>;
}

export interface StoredEvent {
  id: string;
  type: string;
  timestamp: number;
  requestId: string;
  requestIp: string;
  data: Record<string, unknown>;
}

export interface EventStore {
  append(events: StoredEvent[]): Promise<void>;
  /** Retention: deletes up to `limit` events older than `before`, oldest first; how many. */
  purgeBefore(before: number, limit: number): Promise<number>;
  list(query: PageQuery & { type?: string }): Promise<Page<StoredEvent>>;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: ApiRole;
  createdAt: number;
}

export interface ApiTokenStore {
  insert(token: ApiTokenRecord & { hash: Uint8Array }): Promise<void>;
  /** Replaces the token that has this name (used for the admin token given by the environment). */
  replaceNamed(token: ApiTokenRecord & { hash: Uint8Array }): Promise<void>;
  findByHash(hash: Uint8Array): Promise<ApiTokenRecord | undefined>;
  list(): Promise<ApiTokenRecord[]>;
  revoke(id: string, now: number): Promise<boolean>;
  count(): Promise<number>;
}

/** A reusable Authorization Code offer (POST /v1/openid/offers): a poster on the wall. */
export interface CodeOfferRecord {
  id: string;
  credentials: string[];
  issuerState: string;
  requestParameters?: { login_hint?: string; prompt?: string };
  createdAt: number;
  revokedAt?: number;
}

export interface CodeOfferStore {
  insert(offer: CodeOfferRecord): Promise<void>;
  get(id: string): Promise<CodeOfferRecord | undefined>;
  getByIssuerState(issuerState: string): Promise<CodeOfferRecord | undefined>;
  list(query: PageQuery): Promise<Page<CodeOfferRecord>>;
  /** false if unknown or already revoked. (Rejecting its pending authorizations is the caller's unit of work.) */
  revoke(id: string, now: number): Promise<boolean>;
}

export type AuthorizationStatus = 'pending' | 'approved' | 'rejected' | 'expired';

/** A holder's authorization request, waiting for the clerk (DESIGN §4). */
export interface AuthorizationRecord {
  id: string;
  codeOfferId?: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  credentials: string[];
  shortCode: string;
  codeHash: Uint8Array;
  status: AuthorizationStatus;
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
  /** X25519 public key the approval seals the claims to (DESIGN §9); absent on requests older than it. */
  claimsKey?: Uint8Array;
  /** RFC 9449 §10: the code is redeemed only with a DPoP proof by the key of this thumbprint. */
  dpopJkt?: string;
  /** OID4VCI 1.0 §5.1.1: the configurations the request named in authorization_details (not by scope or issuer_state). */
  detailsCredentials?: string[];
}

export type DecisionOutcome = 'done' | 'not_pending' | 'not_found';

/** How many unexpired requests there are from one client address, and in all (DESIGN §8 caps them). */
export interface PendingCounts {
  fromAddress: number;
  total: number;
}

export interface AuthorizationStore {
  insert(
    authorization: Omit<AuthorizationRecord, 'status' | 'decidedAt'> & { handleHash: Uint8Array; clientAddress: string },
  ): Promise<void>;
  get(id: string): Promise<AuthorizationRecord | undefined>;
  getByHandleHash(hash: Uint8Array): Promise<AuthorizationRecord | undefined>;
  /** Newest first; `shortCode` finds the request a holder shows the clerk. */
  list(query: PageQuery & { status?: AuthorizationStatus; shortCode?: string }): Promise<Page<AuthorizationRecord>>;
  /** Pending authorizations not yet expired. */
  countPending(clientAddress: string, now: number): Promise<PendingCounts>;
  /** Whether an unexpired pending authorization shows this short code. */
  isShortCodePending(shortCode: string, now: number): Promise<boolean>;
  /** Single use: pending and unexpired → approved or rejected, for exactly one caller. */
  decide(id: string, decision: 'approved' | 'rejected', now: number): Promise<DecisionOutcome>;
  /** Rejects every authorization still pending from this Authorization Code offer; how many. */
  rejectPendingFrom(codeOfferId: string, now: number): Promise<number>;
  expireDue(now: number): Promise<number>;
  /** Retention: deletes up to `limit` authorizations decided or expired before `endedBefore`; how many. */
  purgeEnded(endedBefore: number, limit: number): Promise<number>;
  /** RFC 9126: a pushed authorization request, kept until its request_uri is used once or expires. */
  pushRequest(hash: Uint8Array, params: Record<string, string>, expiresAt: number, clientAddress: string): Promise<void>;
  /** Pushed requests not yet used or expired. */
  countPushed(clientAddress: string, now: number): Promise<PendingCounts>;
  takePushedRequest(hash: Uint8Array, now: number): Promise<Record<string, string> | undefined>;
}

/** One fixed window of failed guesses by one key (a client address). */
export interface ThrottleWindow {
  start: number;
  failures: number;
}

/**
 * Failed guesses per key in fixed windows (DESIGN §8), kept in the database so that every process
 * on it counts the same guesses (DESIGN §13). `scope` keeps the token endpoint's count apart from,
 * say, failed management sign-ins.
 */
export interface ThrottleStore {
  /** Counts one failure; a window that started `windowMs` or more before `now` starts over. The window after it. */
  recordFailure(scope: string, key: string, now: number, windowMs: number): Promise<ThrottleWindow>;
  /** The key's window if it is still open at `now`. */
  current(scope: string, key: string, now: number, windowMs: number): Promise<ThrottleWindow | undefined>;
  /** Forgets windows that ended before `now`; how many. */
  purgeEnded(now: number, windowMs: number): Promise<number>;
}

/** Values that may be used once only until they expire, e.g. a DPoP proof's `jti` (RFC 9449 §11.1). */
export interface SeenOnceStore {
  /** true for exactly one caller per (scope, hash) among all processes, until `expiresAt` has passed. */
  firstSight(scope: string, hash: Uint8Array, expiresAt: number, now: number): Promise<boolean>;
  purgeExpired(now: number): Promise<number>;
}

/** Every aggregate's store; inside a unit of work, the same ports bound to that transaction. */
export interface StoreSet {
  offers: OfferStore;
  codeOffers: CodeOfferStore;
  authorizations: AuthorizationStore;
  configurations: ConfigurationStore;
  nonces: NonceStore;
  events: EventStore;
  apiTokens: ApiTokenStore;
  clerks: ClerkStore;
  throttles: ThrottleStore;
  seenOnce: SeenOnceStore;
  trust: TrustStore;
  credentials: IssuedCredentialStore;
  statusLists: StatusListStore;
  walletProtocol: WalletProtocolStore;
}

/**
 * "Something changed" signals by topic (an offer's live status, the pending authorizations, the
 * configurations). The database carries them, so that a clerk's screen hears of a change whichever
 * process made it (DESIGN §13: PostgreSQL LISTEN/NOTIFY; SQLite has one process, so in-process).
 * A signal carries no data: listeners read the current state from the stores.
 */
export interface ChangeFeed {
  publish(topic: string): void;
  subscribe(topic: string, listener: () => void): () => void;
}

export type StorageHealth = { ok: true } | { ok: false; problem: string };

export interface Stores extends StoreSet {
  /**
   * A unit of work: everything `work` does through `tx` commits together or not at all, isolated
   * as if it ran alone (SQLite: one IMMEDIATE transaction; PostgreSQL: one SERIALIZABLE
   * transaction). `work` must reach storage only through `tx` (the outer stores wait for it to
   * finish) and may be run again after a serialization conflict, so it has no other side effects.
   */
  transaction<T>(work: (tx: StoreSet) => Promise<T>): Promise<T>;
  /**
   * Gives the space of deleted rows back and drops stale copies of pages (SQLite: a TRUNCATE
   * checkpoint of the WAL, then an incremental vacuum; DESIGN §9).
   */
  reclaimSpace(): Promise<void>;
  /**
   * Runs `work` while no other process on this database runs work under the same `name` (key
   * creation and renewal, start-up seeding): PostgreSQL advisory locks; SQLite, which one process
   * owns, an in-process queue. Unlike `transaction`, `work` may do anything, and its store calls
   * are not one transaction.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  feed: ChangeFeed;
  /** Whether storage can serve now (readiness, /readyz), with the problem in words when it cannot. */
  health(): Promise<StorageHealth>;
  close(): Promise<void>;
}
