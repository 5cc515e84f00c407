import type { Database } from 'better-sqlite3';
import { zOfferStatus } from '../../../shared/api/z-pre-authorized-offer';
import type {
  CancelOutcome,
  IssuanceOutcome,
  IssuedBatchRecord,
  NewOffer,
  NotificationOutcome,
  OfferKind,
  OfferRecord,
  OfferStore,
  PageQuery,
  RedeemedToken,
  SealedOfferRecord,
} from '../core/store';
import type { OfferStatus } from '../../../shared/api/z-pre-authorized-offer';
import { parseColumn, parseJsonColumn, zIdList } from './columns';
import { paginate } from './paginate';
import type { SqliteExec } from './sqlite-connection';

interface OfferRow {
  seq: number;
  id: string;
  kind: OfferKind;
  user_id: string | null;
  credentials: string;
  status: string;
  created_at: number;
  expires_at: number;
  code_hash: Buffer;
  reference_hash: Buffer | null;
  tx_code_hash: Buffer | null;
  tx_code_mode: 'numeric' | 'text' | null;
  tx_code_length: number | null;
  tx_code_description: string | null;
  strikes: number;
  scanned_at: number | null;
  token_issued_at: number | null;
  token_expires_at: number | null;
  claimed_at: number | null;
  accepted_at: number | null;
  token_jkt: string | null;
  details_credentials: string | null;
  issued: string | null;
  copies: number;
}

interface InsertParams {
  id: string;
  kind: OfferKind;
  userId: string | null;
  credentials: string;
  createdAt: number;
  expiresAt: number;
  codeHash: Uint8Array;
  referenceHash: Uint8Array | null;
  txHash: Uint8Array | null;
  txMode: string | null;
  txLength: number | null;
  txDescription: string | null;
  sealedClaims: Uint8Array;
  persistedClaims: string | null;
}

type SealedOfferRow = OfferRow & { sealed_claims: Buffer | null };

type IdNow = { id: string; now: number };

type CopyParams = Omit<IssuedBatchRecord, 'copies' | 'userId'> & {
  id: string;
  copyIndex: number;
  deviceKeyThumbprint: string;
  keyAttested: 0 | 1;
  userId: string | null;
  listId: string | null;
  idx: number | null;
};

// Views of an offer never read the sealed claims (its largest column, in overflow pages); only
// lookups by a wallet secret do, since only they can open them (DESIGN §9).
const COLUMNS = `o.seq, o.id, o.kind, o.user_id, o.credentials, o.status, o.created_at, o.expires_at, o.code_hash, o.reference_hash,
  o.tx_code_hash, o.tx_code_mode, o.tx_code_length, o.tx_code_description, o.strikes, o.scanned_at, o.token_issued_at,
  o.token_expires_at, o.claimed_at, o.accepted_at, o.token_jkt, o.details_credentials,
  (SELECT json_group_array(DISTINCT configuration_id) FROM issued_credentials c WHERE c.offer_id = o.id) AS issued,
  (SELECT count(*) FROM issued_credentials c WHERE c.offer_id = o.id) AS copies`;
const SELECT = `SELECT ${COLUMNS} FROM offers o`;
const SELECT_SEALED = `SELECT ${COLUMNS}, o.sealed_claims FROM offers o`;
// Claims are erased whenever an offer ends (DESIGN §6); persisted_claims holds only claimsToPersist.
const END = `sealed_claims = NULL, ended_at = @now`;

export function prepareOfferStatements(db: Database) {
  return {
    insert:
      db.prepare<InsertParams>(`INSERT INTO offers (id, kind, user_id, credentials, status, created_at, expires_at, code_hash, reference_hash,
        tx_code_hash, tx_code_mode, tx_code_length, tx_code_description, sealed_claims, persisted_claims)
        VALUES (@id, @kind, @userId, @credentials, 'pending', @createdAt, @expiresAt, @codeHash, @referenceHash,
        @txHash, @txMode, @txLength, @txDescription, @sealedClaims, @persistedClaims)`),
    byId: db.prepare<[string], OfferRow>(`${SELECT} WHERE o.id = ?`),
    byCode: db.prepare<[Uint8Array], SealedOfferRow>(`${SELECT_SEALED} WHERE o.code_hash = ?`),
    byReference: db.prepare<[Uint8Array], OfferRow>(`${SELECT} WHERE o.reference_hash = ?`),
    byToken: db.prepare<[Uint8Array], SealedOfferRow>(`${SELECT_SEALED} WHERE o.token_hash = ?`),
    list: db.prepare<{ kind: OfferKind; before: number; limit: number }, OfferRow>(
      `${SELECT} WHERE o.kind = @kind AND o.seq < @before ORDER BY o.seq DESC LIMIT @limit`,
    ),
    listByStatus: db.prepare<{ kind: OfferKind; status: OfferStatus; before: number; limit: number }, OfferRow>(
      `${SELECT} WHERE o.kind = @kind AND o.status = @status AND o.seq < @before ORDER BY o.seq DESC LIMIT @limit`,
    ),
    scanned: db.prepare<IdNow>(`UPDATE offers SET scanned_at = @now WHERE id = @id AND scanned_at IS NULL`),
    redeem: db.prepare<
      IdNow & { hash: Uint8Array; expiresAt: number; jkt: string | null; details: string | null; sealedClaims: Uint8Array }
    >(
      `UPDATE offers SET status = 'token_issued', token_hash = @hash, token_issued_at = @now, token_expires_at = @expiresAt,
        token_jkt = @jkt, details_credentials = @details, sealed_claims = @sealedClaims
        WHERE id = @id AND status = 'pending' AND expires_at > @now`,
    ),
    strike: db.prepare<IdNow & { max: number }, { strikes: number; status: string }>(`UPDATE offers SET strikes = strikes + 1,
        status = CASE WHEN strikes + 1 >= @max THEN 'locked' ELSE status END,
        sealed_claims = CASE WHEN strikes + 1 >= @max THEN NULL ELSE sealed_claims END,
        ended_at = CASE WHEN strikes + 1 >= @max THEN @now ELSE ended_at END
        WHERE id = @id AND status = 'pending' RETURNING strikes, status`),
    cancel: db.prepare<IdNow>(`UPDATE offers SET status = 'cancelled', ${END}
        WHERE id = @id AND status IN ('pending','token_issued','expired','locked')
        AND NOT EXISTS (SELECT 1 FROM issued_credentials c WHERE c.offer_id = offers.id)`),
    extend: db.prepare<IdNow & { expiresAt: number }>(
      `UPDATE offers SET expires_at = @expiresAt WHERE id = @id AND status = 'pending' AND expires_at > @now`,
    ),
    statusOf: db.prepare<[string], { status: string }>(`SELECT status FROM offers WHERE id = ?`),
    // What the access token may issue: the configurations of its authorization_details, else all offered (OID4VCI 1.0 §6.2).
    active: db.prepare<IdNow, { credentials: string }>(
      `SELECT coalesce(details_credentials, credentials) AS credentials FROM offers
        WHERE id = @id AND status = 'token_issued' AND token_expires_at > @now`,
    ),
    batchIssued: db.prepare<{ offerId: string; configurationId: string }, { one: 1 }>(
      `SELECT 1 AS one FROM issued_credentials WHERE offer_id = @offerId AND configuration_id = @configurationId LIMIT 1`,
    ),
    insertCopy: db.prepare<CopyParams>(
      `INSERT INTO issued_credentials (id, offer_id, configuration_id, copy_index, doc_type, issued_at, valid_from, valid_until,
        device_key_thumbprint, key_attested, notification_id, user_id, status_list_id, status_idx)
        VALUES (@id, @offerId, @configurationId, @copyIndex, @docType, @issuedAt, @validFrom, @validUntil,
        @deviceKeyThumbprint, @keyAttested, @notificationId, @userId, @listId, @idx)`,
    ),
    issuedCount: db.prepare<[string], { n: number }>(
      `SELECT count(DISTINCT configuration_id) AS n FROM issued_credentials WHERE offer_id = ?`,
    ),
    claim: db.prepare<IdNow>(`UPDATE offers SET status = 'claimed', claimed_at = @now, ${END} WHERE id = @id AND status = 'token_issued'`),
    notify: db.prepare<{ notificationId: string; offerId: string; event: string; now: number }>(
      `UPDATE issued_credentials SET notification_event = @event, notified_at = @now WHERE notification_id = @notificationId AND offer_id = @offerId`,
    ),
    accept: db.prepare<IdNow>(`UPDATE offers SET status = 'accepted', accepted_at = @now WHERE id = @id AND status = 'claimed'`),
    expirePending: db.prepare<{ now: number }>(
      `UPDATE offers SET status = 'expired', ${END} WHERE status = 'pending' AND expires_at <= @now`,
    ),
    expireTokens: db.prepare<{ now: number }>(
      `UPDATE offers SET status = 'expired', ${END} WHERE status = 'token_issued' AND token_expires_at <= @now`,
    ),
    // Each half walks one small partial index (open offers only), whatever the table's size.
    openReferencing: db.prepare<{ id: string }, { n: number }>(`SELECT
        (SELECT count(*) FROM offers WHERE status = 'pending' AND expires_at > -1 AND EXISTS (SELECT 1 FROM json_each(offers.credentials) WHERE value = @id))
      + (SELECT count(*) FROM offers WHERE status = 'token_issued' AND token_expires_at > -1 AND EXISTS (SELECT 1 FROM json_each(offers.credentials) WHERE value = @id)) AS n`),
    // Offers end within minutes of their creation, so the oldest rows by seq are the oldest ended ones.
    purgeEnded: db.prepare<{ endedBefore: number; limit: number }>(
      `DELETE FROM offers WHERE seq IN (SELECT seq FROM offers ORDER BY seq LIMIT @limit) AND ended_at < @endedBefore`,
    ),
  };
}

export type OfferStatements = ReturnType<typeof prepareOfferStatements>;

function toRecord(row: OfferRow): OfferRecord {
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    id: row.id,
    kind: row.kind,
    userId: optional(row.user_id),
    credentials: parseJsonColumn(row.credentials, zIdList, 'offers.credentials'),
    status: parseColumn(row.status, zOfferStatus, 'offers.status'),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    codeHash: row.code_hash,
    referenceHash: optional(row.reference_hash),
    txCode:
      row.tx_code_hash && row.tx_code_mode && row.tx_code_length
        ? {
            hash: row.tx_code_hash,
            inputMode: row.tx_code_mode,
            length: row.tx_code_length,
            ...(row.tx_code_description ? { description: row.tx_code_description } : {}),
          }
        : undefined,
    strikes: row.strikes,
    scannedAt: optional(row.scanned_at),
    tokenIssuedAt: optional(row.token_issued_at),
    tokenExpiresAt: optional(row.token_expires_at),
    claimedAt: optional(row.claimed_at),
    acceptedAt: optional(row.accepted_at),
    issued: row.issued ? parseJsonColumn(row.issued, zIdList, 'issued_credentials.configuration_id') : [],
    issuedCopies: row.copies,
    ...(row.token_jkt ? { tokenJkt: row.token_jkt } : {}),
    ...(row.details_credentials
      ? { detailsCredentials: parseJsonColumn(row.details_credentials, zIdList, 'offers.details_credentials') }
      : {}),
  };
}

function sealed(row: SealedOfferRow | undefined): SealedOfferRecord | undefined {
  if (!row) return undefined;
  return { ...toRecord(row), ...(row.sealed_claims ? { sealedClaims: row.sealed_claims } : {}) };
}

export class SqliteOfferStore implements OfferStore {
  private readonly cancelOne: (id: string, now: number) => CancelOutcome;
  private readonly issue: (batch: IssuedBatchRecord, now: number) => IssuanceOutcome;
  private readonly notifyOne: (notificationId: string, offerId: string, event: string, now: number) => NotificationOutcome;
  private readonly expire: (now: number) => number;

  constructor(
    db: Database,
    private readonly s: OfferStatements,
    private readonly exec: SqliteExec,
  ) {
    this.cancelOne = db.transaction((id: string, now: number): CancelOutcome => {
      if (s.cancel.run({ id, now }).changes === 1) return 'cancelled';
      const row = s.statusOf.get(id);
      if (!row) return 'not_found';
      return row.status === 'cancelled' ? 'already_cancelled' : 'claimed';
    });
    this.issue = db.transaction((batch: IssuedBatchRecord, now: number): IssuanceOutcome => {
      const active = s.active.get({ id: batch.offerId, now });
      if (!active) return 'inactive';
      if (s.batchIssued.get(batch)) return 'duplicate';
      const { copies, userId, ...shared } = batch;
      copies.forEach(({ statusEntry, ...copy }, copyIndex) =>
        s.insertCopy.run({
          ...shared,
          ...copy,
          copyIndex,
          keyAttested: copy.keyAttested ? 1 : 0,
          userId: userId ?? null,
          listId: statusEntry?.listId ?? null,
          idx: statusEntry?.idx ?? null,
        }),
      );
      const offered = parseJsonColumn(active.credentials, zIdList, 'offers.credentials').length;
      if ((s.issuedCount.get(batch.offerId)?.n ?? 0) >= offered) s.claim.run({ id: batch.offerId, now });
      return 'issued';
    });
    this.notifyOne = db.transaction((notificationId: string, offerId: string, event: string, now: number): NotificationOutcome => {
      if (s.notify.run({ notificationId, offerId, event, now }).changes === 0) return 'unknown';
      if (event === 'credential_accepted') s.accept.run({ id: offerId, now });
      return 'recorded';
    });
    this.expire = db.transaction((now: number) => s.expirePending.run({ now }).changes + s.expireTokens.run({ now }).changes);
  }

  insert(offer: NewOffer): Promise<void> {
    return this.exec.write(() => {
      this.s.insert.run({
        id: offer.id,
        kind: offer.kind ?? 'pre_authorized',
        userId: offer.userId ?? null,
        credentials: JSON.stringify(offer.credentials),
        createdAt: offer.createdAt,
        expiresAt: offer.expiresAt,
        codeHash: offer.codeHash,
        referenceHash: offer.referenceHash ?? null,
        txHash: offer.txCode?.hash ?? null,
        txMode: offer.txCode?.inputMode ?? null,
        txLength: offer.txCode?.length ?? null,
        txDescription: offer.txCode?.description ?? null,
        sealedClaims: offer.sealedClaims,
        persistedClaims: offer.persistedClaims ? JSON.stringify(offer.persistedClaims) : null,
      });
    });
  }

  get(id: string) {
    return this.exec.read(() => this.one(this.s.byId.get(id)));
  }
  getByCodeHash(hash: Uint8Array) {
    return this.exec.read(() => sealed(this.s.byCode.get(hash)));
  }
  getByReferenceHash(hash: Uint8Array) {
    return this.exec.read(() => this.one(this.s.byReference.get(hash)));
  }
  getByTokenHash(hash: Uint8Array) {
    return this.exec.read(() => sealed(this.s.byToken.get(hash)));
  }

  list(query: PageQuery & { kind: OfferKind; status?: OfferStatus }) {
    const { kind, status } = query;
    return this.exec.read(() =>
      paginate(
        query,
        (before, limit) => (status ? this.s.listByStatus.all({ kind, status, before, limit }) : this.s.list.all({ kind, before, limit })),
        toRecord,
      ),
    );
  }

  markScanned(id: string, now: number) {
    return this.exec.write(() => void this.s.scanned.run({ id, now }));
  }

  redeem(id: string, token: RedeemedToken, sealedClaims: Uint8Array, now: number) {
    const details = token.detailsCredentials ? JSON.stringify(token.detailsCredentials) : null;
    return this.exec.write(
      () =>
        this.s.redeem.run({ id, hash: token.hash, expiresAt: token.expiresAt, jkt: token.jkt ?? null, details, sealedClaims, now })
          .changes === 1,
    );
  }

  strike(id: string, maxStrikes: number, now: number) {
    return this.exec.write(() => {
      const row = this.s.strike.get({ id, max: maxStrikes, now });
      return row ? { strikes: row.strikes, locked: row.status === 'locked' } : undefined;
    });
  }

  cancel(id: string, now: number) {
    return this.exec.write(() => this.cancelOne(id, now));
  }

  extend(id: string, expiresAt: number, now: number) {
    return this.exec.write(() => this.s.extend.run({ id, expiresAt, now }).changes === 1);
  }

  recordIssuance(batch: IssuedBatchRecord, now: number) {
    return this.exec.write(() => this.issue(batch, now));
  }

  recordNotification(notificationId: string, offerId: string, event: string, now: number) {
    return this.exec.write(() => this.notifyOne(notificationId, offerId, event, now));
  }

  expireDue(now: number) {
    return this.exec.write(() => this.expire(now));
  }

  countOpenReferencing(configurationId: string) {
    return this.exec.read(() => this.s.openReferencing.get({ id: configurationId })?.n ?? 0);
  }

  purgeEnded(endedBefore: number, limit: number) {
    return this.exec.write(() => this.s.purgeEnded.run({ endedBefore, limit }).changes);
  }

  private one(row: OfferRow | undefined): OfferRecord | undefined {
    return row ? toRecord(row) : undefined;
  }
}
