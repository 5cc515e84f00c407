import { zOfferStatus, type OfferStatus } from '../../../../shared/api/z-pre-authorized-offer';
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
} from '../../core/store';
import { parseColumn, parseJsonValue, zIdList } from '../columns';
import { paginate } from '../paginate';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface OfferRow {
  seq: number;
  id: string;
  kind: OfferKind;
  user_id: string | null;
  credentials: unknown;
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
  details_credentials: unknown;
  issued: unknown;
  issued_copies: number;
}

type SealedOfferRow = OfferRow & { sealed_claims: Buffer | null };
type Bytes = Uint8Array;
// Views of an offer never read the sealed claims; only lookups by a wallet secret do, since only
// they can open them (DESIGN §9).
const COLUMNS = `seq, id, kind, user_id, credentials, status, created_at, expires_at, code_hash, reference_hash, tx_code_hash, tx_code_mode,
  tx_code_length, tx_code_description, strikes, scanned_at, token_issued_at, token_expires_at, claimed_at, accepted_at, token_jkt, issued,
  issued_copies, details_credentials`;
const SELECT = `SELECT ${COLUMNS} FROM offers`;
const SELECT_SEALED = `SELECT ${COLUMNS}, sealed_claims FROM offers`;
// Claims are erased whenever an offer ends (DESIGN §6); persisted_claims holds only claimsToPersist.
// The last of what the access token may issue: its authorization_details' configurations, else all offered (OID4VCI 1.0 §6.2).
const LAST = `cardinality(issued) + 1 >= jsonb_array_length(coalesce(details_credentials, credentials))`;

// Every transition is one conditional UPDATE of the offer's row: PostgreSQL locks the row, and a
// second writer re-checks the WHERE clause against the row the first one committed (DESIGN §13).
const q = {
  insert: statement<
    [
      string,
      OfferKind,
      string | null,
      string,
      number,
      number,
      Bytes,
      Bytes | null,
      Bytes | null,
      string | null,
      number | null,
      string | null,
      Bytes,
      string | null,
    ]
  >(
    'offers.insert',
    `INSERT INTO offers (id, kind, user_id, credentials, status, created_at, expires_at, code_hash, reference_hash,
      tx_code_hash, tx_code_mode, tx_code_length, tx_code_description, sealed_claims, persisted_claims)
      VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
  ),
  byId: statement<[string], OfferRow>('offers.by-id', `${SELECT} WHERE id = $1`),
  byCode: statement<[Bytes], SealedOfferRow>('offers.by-code', `${SELECT_SEALED} WHERE code_hash = $1`),
  byReference: statement<[Bytes], OfferRow>('offers.by-reference', `${SELECT} WHERE reference_hash = $1`),
  byToken: statement<[Bytes], SealedOfferRow>('offers.by-token', `${SELECT_SEALED} WHERE token_hash = $1`),
  list: statement<[OfferKind, number, number], OfferRow>(
    'offers.list',
    `${SELECT} WHERE kind = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
  ),
  listByStatus: statement<[OfferKind, OfferStatus, number, number], OfferRow>(
    'offers.list-by-status',
    `${SELECT} WHERE kind = $1 AND status = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`,
  ),
  scanned: statement<[string, number]>('offers.scanned', `UPDATE offers SET scanned_at = $2 WHERE id = $1 AND scanned_at IS NULL`),
  redeem: statement<[string, Bytes, number, Bytes, number, string | null, string | null]>(
    'offers.redeem',
    `UPDATE offers SET status = 'token_issued', token_hash = $2, token_issued_at = $5, token_expires_at = $3, sealed_claims = $4,
      token_jkt = $6, details_credentials = $7::jsonb
      WHERE id = $1 AND status = 'pending' AND expires_at > $5`,
  ),
  strike: statement<[string, number, number], { strikes: number; status: string }>(
    'offers.strike',
    `UPDATE offers SET strikes = strikes + 1,
      status = CASE WHEN strikes + 1 >= $2 THEN 'locked' ELSE status END,
      sealed_claims = CASE WHEN strikes + 1 >= $2 THEN NULL ELSE sealed_claims END,
      ended_at = CASE WHEN strikes + 1 >= $2 THEN $3 ELSE ended_at END
      WHERE id = $1 AND status = 'pending' RETURNING strikes, status`,
  ),
  extend: statement<[string, number, number]>(
    'offers.extend',
    `UPDATE offers SET expires_at = $2 WHERE id = $1 AND status = 'pending' AND expires_at > $3`,
  ),
  cancel: statement<[string, number]>(
    'offers.cancel',
    `UPDATE offers SET status = 'cancelled', sealed_claims = NULL, ended_at = $2
      WHERE id = $1 AND status IN ('pending','token_issued','expired','locked') AND cardinality(issued) = 0`,
  ),
  statusOf: statement<[string], { status: string; token_expires_at: number | null; issued: string[] }>(
    'offers.status-of',
    `SELECT status, token_expires_at, issued FROM offers WHERE id = $1`,
  ),
  // Records the configuration on the offer (claiming it with the last one) and every copy of the batch,
  // each with its own status list entry (DESIGN §11, §12), as one statement.
  issue: statement<
    [
      string,
      string,
      string,
      number,
      number,
      number,
      string,
      number,
      string[],
      string[],
      boolean[],
      number,
      string | null,
      (string | null)[],
      (number | null)[],
    ]
  >(
    'offers.issue',
    `WITH offer AS (
      UPDATE offers SET issued = array_append(issued, $2::text), issued_copies = issued_copies + $12,
        status = CASE WHEN ${LAST} THEN 'claimed' ELSE status END,
        claimed_at = CASE WHEN ${LAST} THEN $8 ELSE claimed_at END,
        sealed_claims = CASE WHEN ${LAST} THEN NULL ELSE sealed_claims END,
        ended_at = CASE WHEN ${LAST} THEN $8 ELSE ended_at END
      WHERE id = $1 AND status = 'token_issued' AND token_expires_at > $8 AND NOT ($2::text = ANY (issued))
      RETURNING id)
    INSERT INTO issued_credentials (id, offer_id, configuration_id, copy_index, doc_type, issued_at, valid_from, valid_until,
      device_key_thumbprint, key_attested, notification_id, user_id, status_list_id, status_idx)
      SELECT c.id, offer.id, $2, c.ord - 1, $3, $4, $5, $6, c.thumbprint, c.attested, $7, $13, c.list_id, c.idx
      FROM offer, unnest($9::text[], $10::text[], $11::boolean[], $14::text[], $15::integer[])
        WITH ORDINALITY AS c(id, thumbprint, attested, list_id, idx, ord)`,
  ),
  notify: statement<[string, string, string, number], { recorded: number }>(
    'offers.notify',
    `WITH n AS (
      UPDATE issued_credentials SET notification_event = $3, notified_at = $4 WHERE offer_id = $2 AND notification_id = $1 RETURNING offer_id),
    accepted AS (
      UPDATE offers SET status = 'accepted', accepted_at = $4
      WHERE id IN (SELECT offer_id FROM n) AND $3::text = 'credential_accepted' AND status = 'claimed' RETURNING id)
    SELECT count(*)::int AS recorded FROM n`,
  ),
  expire: statement<[number]>(
    'offers.expire',
    `UPDATE offers SET status = 'expired', sealed_claims = NULL, ended_at = $1
      WHERE (status = 'pending' AND expires_at <= $1) OR (status = 'token_issued' AND token_expires_at <= $1)`,
  ),
  // Both halves walk one small partial index (open offers only), whatever the table's size.
  openReferencing: statement<[string], { n: number }>(
    'offers.open-referencing',
    `SELECT count(*)::int AS n FROM offers
      WHERE ((status = 'pending' AND expires_at > -1) OR (status = 'token_issued' AND token_expires_at > -1))
      AND credentials @> jsonb_build_array($1::text)`,
  ),
  // Offers end within minutes of their creation, so the oldest rows by seq are the oldest ended ones.
  purgeEnded: statement<[number, number]>(
    'offers.purge-ended',
    `DELETE FROM offers WHERE seq IN (SELECT seq FROM offers ORDER BY seq LIMIT $2) AND ended_at < $1`,
  ),
};

function toRecord(row: OfferRow): OfferRecord {
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    id: row.id,
    kind: row.kind,
    userId: optional(row.user_id),
    credentials: parseJsonValue(row.credentials, zIdList, 'offers.credentials'),
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
    issued: parseJsonValue(row.issued, zIdList, 'offers.issued'),
    issuedCopies: Number(row.issued_copies),
    ...(row.token_jkt ? { tokenJkt: row.token_jkt } : {}),
    ...(row.details_credentials !== null
      ? { detailsCredentials: parseJsonValue(row.details_credentials, zIdList, 'offers.details_credentials') }
      : {}),
  };
}

function sealed(row: SealedOfferRow | undefined): SealedOfferRecord | undefined {
  if (!row) return undefined;
  return { ...toRecord(row), ...(row.sealed_claims ? { sealedClaims: row.sealed_claims } : {}) };
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export class PgOfferStore implements OfferStore {
  constructor(private readonly exec: PgExec) {}

  async insert(offer: NewOffer): Promise<void> {
    await this.exec.changes(q.insert, [
      offer.id,
      offer.kind ?? 'pre_authorized',
      offer.userId ?? null,
      JSON.stringify(offer.credentials),
      offer.createdAt,
      offer.expiresAt,
      offer.codeHash,
      offer.referenceHash ?? null,
      offer.txCode?.hash ?? null,
      offer.txCode?.inputMode ?? null,
      offer.txCode?.length ?? null,
      offer.txCode?.description ?? null,
      offer.sealedClaims,
      json(offer.persistedClaims),
    ]);
  }

  get(id: string) {
    return this.one(this.exec.first(q.byId, [id]));
  }
  async getByCodeHash(hash: Uint8Array) {
    return sealed(await this.exec.first(q.byCode, [hash]));
  }
  getByReferenceHash(hash: Uint8Array) {
    return this.one(this.exec.first(q.byReference, [hash]));
  }
  async getByTokenHash(hash: Uint8Array) {
    return sealed(await this.exec.first(q.byToken, [hash]));
  }

  async list(query: PageQuery & { kind: OfferKind; status?: OfferStatus }) {
    const { kind, status } = query;
    return paginate(
      query,
      (before, limit) =>
        status ? this.exec.rows(q.listByStatus, [kind, status, before, limit]) : this.exec.rows(q.list, [kind, before, limit]),
      toRecord,
    );
  }

  async markScanned(id: string, now: number) {
    await this.exec.changes(q.scanned, [id, now]);
  }

  async redeem(id: string, token: RedeemedToken, sealedClaims: Uint8Array, now: number) {
    const details = token.detailsCredentials ? JSON.stringify(token.detailsCredentials) : null;
    return (await this.exec.changes(q.redeem, [id, token.hash, token.expiresAt, sealedClaims, now, token.jkt ?? null, details])) === 1;
  }

  async strike(id: string, maxStrikes: number, now: number) {
    const row = await this.exec.first(q.strike, [id, maxStrikes, now]);
    return row ? { strikes: row.strikes, locked: row.status === 'locked' } : undefined;
  }

  async cancel(id: string, now: number): Promise<CancelOutcome> {
    if ((await this.exec.changes(q.cancel, [id, now])) === 1) return 'cancelled';
    const row = await this.exec.first(q.statusOf, [id]);
    if (!row) return 'not_found';
    return row.status === 'cancelled' ? 'already_cancelled' : 'claimed';
  }

  async extend(id: string, expiresAt: number, now: number) {
    return (await this.exec.changes(q.extend, [id, expiresAt, now])) === 1;
  }

  async recordIssuance(b: IssuedBatchRecord, now: number): Promise<IssuanceOutcome> {
    const params = [
      b.offerId,
      b.configurationId,
      b.docType,
      b.issuedAt,
      b.validFrom,
      b.validUntil,
      b.notificationId,
      now,
      b.copies.map((c) => c.id),
      b.copies.map((c) => c.deviceKeyThumbprint),
      b.copies.map((c) => c.keyAttested),
      b.copies.length,
      b.userId ?? null,
      b.copies.map((c) => c.statusEntry?.listId ?? null),
      b.copies.map((c) => c.statusEntry?.idx ?? null),
    ] as const;
    if ((await this.exec.changes(q.issue, [...params])) === b.copies.length) return 'issued';
    // Nothing changed; say why (the answer describes a state the offer was in after this call began).
    const row = await this.exec.first(q.statusOf, [b.offerId]);
    const active = row?.status === 'token_issued' && (row.token_expires_at ?? 0) > now;
    return active && row.issued.includes(b.configurationId) ? 'duplicate' : 'inactive';
  }

  async recordNotification(notificationId: string, offerId: string, event: string, now: number): Promise<NotificationOutcome> {
    const row = await this.exec.first(q.notify, [notificationId, offerId, event, now]);
    return (row?.recorded ?? 0) > 0 ? 'recorded' : 'unknown';
  }

  expireDue(now: number) {
    return this.exec.changes(q.expire, [now]);
  }

  async countOpenReferencing(configurationId: string) {
    return (await this.exec.first(q.openReferencing, [configurationId]))?.n ?? 0;
  }

  purgeEnded(endedBefore: number, limit: number) {
    return this.exec.changes(q.purgeEnded, [endedBefore, limit]);
  }

  private async one(row: Promise<OfferRow | undefined>): Promise<OfferRecord | undefined> {
    const found = await row;
    return found ? toRecord(found) : undefined;
  }
}
