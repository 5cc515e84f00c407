// The status ports (DESIGN §11): issued credentials as the clerk sees them, and the status lists.
// Part of the engine's ports to storage (./store.ts), which re-exports it.
import type { CredentialStatus, StatusListSignWith, StatusReason } from '../../../shared/api/z-credential-status';
import type { Page, PageQuery, StatusEntry } from './store';

/** An issued credential as the clerk sees it (DESIGN §11): identifiers, dates and status; never a claim value. */
export interface IssuedCredentialView {
  id: string;
  offerId: string;
  userId?: string;
  configurationId: string;
  docType: string;
  issuedAt: number;
  validUntil: number;
  status: CredentialStatus;
  statusEntry?: StatusEntry;
  statusReason?: StatusReason;
  statusChangedAt?: number;
}

export type IssuedCredentialQuery = PageQuery & {
  userId?: string;
  offerId?: string;
  /** Lower-case hex digits an offer id starts with. */
  offerIdPrefix?: string;
  issuedFrom?: number;
  issuedTo?: number;
};

export type StatusChangeOutcome = 'changed' | 'unchanged' | 'final' | 'no_status' | 'not_found';

export interface IssuedCredentialStore {
  get(id: string): Promise<IssuedCredentialView | undefined>;
  /** Newest first, optionally only one userId's, one offer's (or those whose offer id starts so), or those issued in [issuedFrom, issuedTo). */
  list(query: IssuedCredentialQuery): Promise<Page<IssuedCredentialView>>;
  /**
   * valid → invalid, once and for good ('final' for invalid → valid), bumping its list's version in
   * the same step so that every process sees the list's token is stale; 'no_status' when the
   * credential has no status list entry.
   */
  setStatus(id: string, status: CredentialStatus, reason: StatusReason | undefined, now: number): Promise<StatusChangeOutcome>;
}

/** One status list (IETF Token Status List §4): its size and the key of its index permutation (core/status). */
export interface StatusListRecord {
  id: string;
  /** The Status List Token's `sub` and the MSO's `uri`, fixed when the list is made. */
  uri: string;
  size: number;
  /**
   * The IACA whose signers sign its token: the IACA of the Document Signer of the mDocs in it (ISO
   * 18013-5 2nd ed. §12.3.6), so a verifier that trusts an mDoc's IACA trusts its status list too.
   */
  iacaId: string;
  /** Key of the keyed permutation position → index; never leaves the database and the engine. */
  permutationKey: Uint8Array;
  /** Positions handed out so far (the next one is `allocated`). */
  allocated: number;
  createdAt: number;
  /** Incremented by every status change in the list: a token signed at a lower version is stale. */
  version: number;
  token?: StatusListToken;
}

export interface StatusListToken {
  bytes: Uint8Array;
  issuedAt: number;
  expiresAt: number;
  /** The list's version the token was built from. */
  version: number;
}

export type NewStatusList = Omit<StatusListRecord, 'allocated' | 'version' | 'token'>;

export interface StatusListStore {
  /** Oldest first. */
  list(): Promise<StatusListRecord[]>;
  get(id: string): Promise<StatusListRecord | undefined>;
  /**
   * Takes `count` consecutive unused positions of the newest list of `iacaId`, atomically among all
   * processes on the database: a position is handed out once, ever. When that list has fewer than
   * `count` left (or there is none), `newList()` (of that IACA) is added after it, once even if
   * several processes find it full at once, and the positions come from the newest list then.
   */
  allocate(count: number, iacaId: string, newList: () => NewStatusList): Promise<{ list: StatusListRecord; first: number }>;
  /** The indices of the list's invalid credentials. */
  invalidIndices(listId: string): Promise<number[]>;
  /** Keeps the token unless the stored one is as new or newer (by version, then issuedAt); false if not kept. */
  saveToken(listId: string, token: StatusListToken): Promise<boolean>;
  /** Who signs the tokens (DESIGN §11 setting); undefined until it is set. */
  signWith(): Promise<StatusListSignWith | undefined>;
  setSignWith(signWith: StatusListSignWith, now: number): Promise<void>;
}
