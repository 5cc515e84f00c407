import type { Database, Statement } from 'better-sqlite3';
import { zOfferStatus } from '../../../shared/api/z-pre-authorized-offer';
import type { OfferStatus } from '../../../shared/api/z-pre-authorized-offer';
import type {
  CancelOutcome,
  IssuanceOutcome,
  IssuedCredentialRecord,
  NewOffer,
  NotificationOutcome,
  OfferKind,
  OfferRecord,
  OfferStore,
} from '../core/store';
import { decodeCursor, encodeCursor, parseJsonColumn } from './columns';

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
  claims: string | null;
  scanned_at: number | null;
  token_issued_at: number | null;
  token_expires_at: number | null;
  claimed_at: number | null;
  accepted_at: number | null;
  issued: string | null;
}

const SELECT = `SELECT o.*, (SELECT json_group_array(configuration_id) FROM issued_credentials c WHERE c.offer_id = o.id) AS issued FROM offers o`;
// Claims are erased whenever an offer ends (DESIGN §6); persisted_claims holds only claimsToPersist.
const END = `claims = NULL, ended_at = @now`;

function toRecord(row: OfferRow): OfferRecord {
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    id: row.id,
    kind: row.kind,
    userId: optional(row.user_id),
    credentials: parseJsonColumn(row.credentials, 'offers.credentials') as string[],
    status: zOfferStatus.parse(row.status),
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
    claims: row.claims === null ? undefined : (parseJsonColumn(row.claims, 'offers.claims') as Record<string, unknown>),
    scannedAt: optional(row.scanned_at),
    tokenIssuedAt: optional(row.token_issued_at),
    tokenExpiresAt: optional(row.token_expires_at),
    claimedAt: optional(row.claimed_at),
    acceptedAt: optional(row.accepted_at),
    issued: row.issued ? (JSON.parse(row.issued) as string[]) : [],
  };
}

export class SqliteOfferStore implements OfferStore {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO offers (id, kind, user_id, credentials, status, created_at, expires_at, code_hash, reference_hash,
        tx_code_hash, tx_code_mode, tx_code_length, tx_code_description, claims, persisted_claims)
        VALUES (@id, @kind, @userId, @credentials, 'pending', @createdAt, @expiresAt, @codeHash, @referenceHash,
        @txHash, @txMode, @txLength, @txDescription, @claims, @persistedClaims)`),
      byId: db.prepare(`${SELECT} WHERE o.id = ?`),
      byCode: db.prepare(`${SELECT} WHERE o.code_hash = ?`),
      byReference: db.prepare(`${SELECT} WHERE o.reference_hash = ?`),
      byToken: db.prepare(`${SELECT} WHERE o.token_hash = ?`),
      list: db.prepare(`${SELECT} WHERE o.kind = @kind AND o.seq < @cursor ORDER BY o.seq DESC LIMIT @limit`),
      listByStatus: db.prepare(
        `${SELECT} WHERE o.kind = @kind AND o.status = @status AND o.seq < @cursor ORDER BY o.seq DESC LIMIT @limit`,
      ),
      scanned: db.prepare(`UPDATE offers SET scanned_at = @now WHERE id = @id AND scanned_at IS NULL`),
      redeem:
        db.prepare(`UPDATE offers SET status = 'token_issued', token_hash = @hash, token_issued_at = @now, token_expires_at = @expiresAt
        WHERE id = @id AND status = 'pending' AND expires_at > @now`),
      strike: db.prepare(`UPDATE offers SET strikes = strikes + 1,
        status = CASE WHEN strikes + 1 >= @max THEN 'locked' ELSE status END,
        claims = CASE WHEN strikes + 1 >= @max THEN NULL ELSE claims END,
        ended_at = CASE WHEN strikes + 1 >= @max THEN @now ELSE ended_at END
        WHERE id = @id AND status = 'pending' RETURNING strikes, status`),
      cancel: db.prepare(`UPDATE offers SET status = 'cancelled', ${END}
        WHERE id = @id AND status IN ('pending','token_issued','expired','locked')
        AND NOT EXISTS (SELECT 1 FROM issued_credentials c WHERE c.offer_id = offers.id)`),
      statusOf: db.prepare(`SELECT status FROM offers WHERE id = ?`),
      active: db.prepare(`SELECT credentials FROM offers WHERE id = @id AND status = 'token_issued' AND token_expires_at > @now`),
      insertCredential:
        db.prepare(`INSERT OR IGNORE INTO issued_credentials (id, offer_id, configuration_id, doc_type, issued_at, valid_from, valid_until, device_key_thumbprint, notification_id)
        VALUES (@id, @offerId, @configurationId, @docType, @issuedAt, @validFrom, @validUntil, @deviceKeyThumbprint, @notificationId)`),
      issuedCount: db.prepare(`SELECT count(*) AS n FROM issued_credentials WHERE offer_id = ?`),
      claim: db.prepare(`UPDATE offers SET status = 'claimed', claimed_at = @now, ${END} WHERE id = @id AND status = 'token_issued'`),
      notify: db.prepare(
        `UPDATE issued_credentials SET notification_event = @event, notified_at = @now WHERE notification_id = @notificationId AND offer_id = @offerId`,
      ),
      accept: db.prepare(`UPDATE offers SET status = 'accepted', accepted_at = @now WHERE id = @id AND status = 'claimed'`),
      expirePending: db.prepare(`UPDATE offers SET status = 'expired', ${END} WHERE status = 'pending' AND expires_at <= @now`),
      expireTokens: db.prepare(`UPDATE offers SET status = 'expired', ${END} WHERE status = 'token_issued' AND token_expires_at <= @now`),
      // Each half walks one small partial index (open offers only), whatever the table's size.
      openReferencing: db.prepare(`SELECT
        (SELECT count(*) FROM offers WHERE status = 'pending' AND expires_at > -1 AND EXISTS (SELECT 1 FROM json_each(offers.credentials) WHERE value = @id))
      + (SELECT count(*) FROM offers WHERE status = 'token_issued' AND token_expires_at > -1 AND EXISTS (SELECT 1 FROM json_each(offers.credentials) WHERE value = @id)) AS n`),
    };
  }

  async insert(offer: NewOffer): Promise<void> {
    this.db.transaction(() => this.insertRow(offer))();
  }

  /** Also used inside the authorization store's approve transaction. */
  insertRow(offer: NewOffer): void {
    this.s.insert!.run({
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
      claims: offer.claims ? JSON.stringify(offer.claims) : null,
      persistedClaims: offer.persistedClaims ? JSON.stringify(offer.persistedClaims) : null,
    });
  }

  async get(id: string) {
    return this.one(this.s.byId!, id);
  }
  async getByCodeHash(hash: Uint8Array) {
    return this.one(this.s.byCode!, hash);
  }
  async getByReferenceHash(hash: Uint8Array) {
    return this.one(this.s.byReference!, hash);
  }
  async getByTokenHash(hash: Uint8Array) {
    return this.one(this.s.byToken!, hash);
  }

  async list(query: { kind: OfferKind; status?: OfferStatus; limit: number; cursor?: string }) {
    const params = { kind: query.kind, status: query.status, cursor: decodeCursor(query.cursor), limit: query.limit + 1 };
    const rows = (query.status ? this.s.listByStatus! : this.s.list!).all(params) as OfferRow[];
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor(page.at(-1)!.seq) : undefined;
    return { offers: page.map(toRecord), ...(nextCursor ? { nextCursor } : {}) };
  }

  async markScanned(id: string, now: number) {
    this.s.scanned!.run({ id, now });
  }

  async redeem(id: string, token: { hash: Uint8Array; expiresAt: number }, now: number) {
    return this.s.redeem!.run({ id, hash: token.hash, expiresAt: token.expiresAt, now }).changes === 1;
  }

  async strike(id: string, maxStrikes: number, now: number) {
    const row = this.s.strike!.get({ id, max: maxStrikes, now }) as { strikes: number; status: string } | undefined;
    return row ? { strikes: row.strikes, locked: row.status === 'locked' } : undefined;
  }

  async cancel(id: string, now: number): Promise<CancelOutcome> {
    return this.db.transaction((): CancelOutcome => {
      if (this.s.cancel!.run({ id, now }).changes === 1) return 'cancelled';
      const row = this.s.statusOf!.get(id) as { status: string } | undefined;
      if (!row) return 'not_found';
      return row.status === 'cancelled' ? 'already_cancelled' : 'claimed';
    })();
  }

  async recordIssuance(credential: IssuedCredentialRecord, now: number): Promise<IssuanceOutcome> {
    return this.db.transaction((): IssuanceOutcome => {
      const active = this.s.active!.get({ id: credential.offerId, now }) as { credentials: string } | undefined;
      if (!active) return 'inactive';
      if (this.s.insertCredential!.run(credential).changes === 0) return 'duplicate';
      const offered = (JSON.parse(active.credentials) as string[]).length;
      const { n } = this.s.issuedCount!.get(credential.offerId) as { n: number };
      if (n >= offered) this.s.claim!.run({ id: credential.offerId, now });
      return 'issued';
    })();
  }

  async recordNotification(notificationId: string, offerId: string, event: string, now: number): Promise<NotificationOutcome> {
    return this.db.transaction((): NotificationOutcome => {
      if (this.s.notify!.run({ notificationId, offerId, event, now }).changes === 0) return 'unknown';
      if (event === 'credential_accepted') this.s.accept!.run({ id: offerId, now });
      return 'recorded';
    })();
  }

  async expireDue(now: number) {
    return this.db.transaction(() => this.s.expirePending!.run({ now }).changes + this.s.expireTokens!.run({ now }).changes)();
  }

  async countOpenReferencing(configurationId: string) {
    return (this.s.openReferencing!.get({ id: configurationId }) as { n: number }).n;
  }

  private one(statement: Statement, key: unknown): OfferRecord | undefined {
    const row = statement.get(key) as OfferRow | undefined;
    return row ? toRecord(row) : undefined;
  }
}
