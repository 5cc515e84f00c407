import { z } from 'zod';
import { zAuthorizationStatus } from '../../../../shared/api/z-authorization';
import type { AuthorizationRecord, AuthorizationStatus, AuthorizationStore, DecisionOutcome, PageQuery } from '../../core/store';
import { parseColumn, parseJsonValue, zIdList } from '../columns';
import { paginate } from '../paginate';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface AuthorizationRow {
  seq: number;
  id: string;
  code_offer_id: string | null;
  client_id: string;
  redirect_uri: string;
  state: string | null;
  code_challenge: string;
  credentials: unknown;
  short_code: string;
  code_hash: Buffer;
  status: string;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  claims_key: Buffer | null;
  dpop_jkt: string | null;
  details_credentials: unknown;
}

type NewAuthorization = Omit<AuthorizationRecord, 'status' | 'decidedAt'> & { handleHash: Uint8Array; clientAddress: string };
type Bytes = Uint8Array;

const zPushedParams = z.record(z.string(), z.string());
const COLUMNS = `seq, id, code_offer_id, client_id, redirect_uri, state, code_challenge, credentials, short_code, code_hash, status, created_at, expires_at, decided_at, claims_key, dpop_jkt,
  details_credentials`;

const q = {
  insert: statement<
    [
      string,
      string | null,
      string,
      string,
      string | null,
      string,
      string,
      string,
      Bytes,
      Bytes,
      Bytes | null,
      number,
      number,
      string,
      string | null,
      string | null,
    ]
  >(
    'authorizations.insert',
    `INSERT INTO authorizations (id, code_offer_id, client_id, redirect_uri, state, code_challenge, credentials, short_code, handle_hash, code_hash,
      claims_key, status, created_at, expires_at, client_address, dpop_jkt,
      details_credentials)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $13, $14, $15, $16::jsonb)`,
  ),
  get: statement<[string], AuthorizationRow>('authorizations.get', `SELECT ${COLUMNS} FROM authorizations WHERE id = $1`),
  byHandle: statement<[Bytes], AuthorizationRow>(
    'authorizations.by-handle',
    `SELECT ${COLUMNS} FROM authorizations WHERE handle_hash = $1`,
  ),
  list: statement<[number, number], AuthorizationRow>(
    'authorizations.list',
    `SELECT ${COLUMNS} FROM authorizations WHERE seq < $1 ORDER BY seq DESC LIMIT $2`,
  ),
  listByStatus: statement<[AuthorizationStatus, number, number], AuthorizationRow>(
    'authorizations.list-by-status',
    `SELECT ${COLUMNS} FROM authorizations WHERE status = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
  ),
  listByCode: statement<[string, AuthorizationStatus | null, number, number], AuthorizationRow>(
    'authorizations.list-by-code',
    `SELECT ${COLUMNS} FROM authorizations WHERE short_code = $1 AND ($2::text IS NULL OR status = $2) AND seq < $3 ORDER BY seq DESC LIMIT $4`,
  ),
  pendingCounts: statement<[string, number], { from_address: string; total: string }>(
    'authorizations.pending-counts',
    `SELECT count(*) FILTER (WHERE client_address = $1) AS from_address, count(*) AS total
      FROM authorizations WHERE status = 'pending' AND expires_at > $2`,
  ),
  codePending: statement<[string, number], { found: number }>(
    'authorizations.code-pending',
    `SELECT 1 AS found FROM authorizations WHERE status = 'pending' AND short_code = $1 AND expires_at > $2 LIMIT 1`,
  ),
  decide: statement<[string, 'approved' | 'rejected', number]>(
    'authorizations.decide',
    `UPDATE authorizations SET status = $2, decided_at = $3 WHERE id = $1 AND status = 'pending' AND expires_at > $3`,
  ),
  exists: statement<[string], { found: number }>('authorizations.exists', `SELECT 1 AS found FROM authorizations WHERE id = $1`),
  rejectPendingFrom: statement<[string, number]>(
    'authorizations.reject-pending-from',
    `UPDATE authorizations SET status = 'rejected', decided_at = $2 WHERE code_offer_id = $1 AND status = 'pending'`,
  ),
  expire: statement<[number]>(
    'authorizations.expire',
    `UPDATE authorizations SET status = 'expired', decided_at = $1 WHERE status = 'pending' AND expires_at <= $1`,
  ),
  // Requests are decided or expire within minutes of their creation: the oldest by seq ended first.
  purgeEnded: statement<[number, number]>(
    'authorizations.purge-ended',
    `DELETE FROM authorizations WHERE seq IN (SELECT seq FROM authorizations ORDER BY seq LIMIT $2) AND decided_at < $1`,
  ),
  push: statement<[Bytes, string, number, string]>(
    'pushed.insert',
    `INSERT INTO pushed_requests (hash, params, expires_at, client_address) VALUES ($1, $2, $3, $4)`,
  ),
  pushedCounts: statement<[string, number], { from_address: string; total: string }>(
    'pushed.counts',
    `SELECT count(*) FILTER (WHERE client_address = $1) AS from_address, count(*) AS total FROM pushed_requests WHERE expires_at > $2`,
  ),
  // Deleting is the taking: exactly one caller gets the row back.
  take: statement<[Bytes, number], { params: unknown }>(
    'pushed.take',
    `DELETE FROM pushed_requests WHERE hash = $1 AND expires_at > $2 RETURNING params`,
  ),
  purgePushed: statement<[number]>('pushed.purge', `DELETE FROM pushed_requests WHERE expires_at <= $1`),
};

const toRecord = (row: AuthorizationRow): AuthorizationRecord => ({
  id: row.id,
  ...(row.code_offer_id ? { codeOfferId: row.code_offer_id } : {}),
  clientId: row.client_id,
  redirectUri: row.redirect_uri,
  ...(row.state !== null ? { state: row.state } : {}),
  codeChallenge: row.code_challenge,
  credentials: parseJsonValue(row.credentials, zIdList, 'authorizations.credentials'),
  shortCode: row.short_code,
  codeHash: row.code_hash,
  status: parseColumn(row.status, zAuthorizationStatus, 'authorizations.status'),
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
  ...(row.claims_key ? { claimsKey: row.claims_key } : {}),
  ...(row.dpop_jkt ? { dpopJkt: row.dpop_jkt } : {}),
  ...(row.details_credentials !== null
    ? { detailsCredentials: parseJsonValue(row.details_credentials, zIdList, 'authorizations.details_credentials') }
    : {}),
});

/** count(*) arrives as text (bigint). */
const counts = (row: { from_address: string; total: string } | undefined) => ({
  fromAddress: Number(row?.from_address ?? 0),
  total: Number(row?.total ?? 0),
});

export class PgAuthorizationStore implements AuthorizationStore {
  constructor(private readonly exec: PgExec) {}

  async insert(a: NewAuthorization) {
    await this.exec.changes(q.insert, [
      a.id,
      a.codeOfferId ?? null,
      a.clientId,
      a.redirectUri,
      a.state ?? null,
      a.codeChallenge,
      JSON.stringify(a.credentials),
      a.shortCode,
      a.handleHash,
      a.codeHash,
      a.claimsKey ?? null,
      a.createdAt,
      a.expiresAt,
      a.clientAddress,
      a.dpopJkt ?? null,
      a.detailsCredentials ? JSON.stringify(a.detailsCredentials) : null,
    ]);
  }

  async get(id: string) {
    const row = await this.exec.first(q.get, [id]);
    return row ? toRecord(row) : undefined;
  }

  async getByHandleHash(hash: Uint8Array) {
    const row = await this.exec.first(q.byHandle, [hash]);
    return row ? toRecord(row) : undefined;
  }

  async list(query: PageQuery & { status?: AuthorizationStatus; shortCode?: string }) {
    const { status, shortCode } = query;
    return paginate(
      query,
      (before, limit) => {
        if (shortCode !== undefined) return this.exec.rows(q.listByCode, [shortCode, status ?? null, before, limit]);
        return status ? this.exec.rows(q.listByStatus, [status, before, limit]) : this.exec.rows(q.list, [before, limit]);
      },
      toRecord,
    );
  }

  async countPending(clientAddress: string, now: number) {
    return counts(await this.exec.first(q.pendingCounts, [clientAddress, now]));
  }

  async isShortCodePending(shortCode: string, now: number) {
    return (await this.exec.first(q.codePending, [shortCode, now])) !== undefined;
  }

  async decide(id: string, decision: 'approved' | 'rejected', now: number): Promise<DecisionOutcome> {
    if ((await this.exec.changes(q.decide, [id, decision, now])) === 1) return 'done';
    return (await this.exec.first(q.exists, [id])) ? 'not_pending' : 'not_found';
  }

  rejectPendingFrom(codeOfferId: string, now: number) {
    return this.exec.changes(q.rejectPendingFrom, [codeOfferId, now]);
  }

  async expireDue(now: number) {
    await this.exec.changes(q.purgePushed, [now]);
    return this.exec.changes(q.expire, [now]);
  }

  purgeEnded(endedBefore: number, limit: number) {
    return this.exec.changes(q.purgeEnded, [endedBefore, limit]);
  }

  async pushRequest(hash: Uint8Array, params: Record<string, string>, expiresAt: number, clientAddress: string) {
    await this.exec.changes(q.push, [hash, JSON.stringify(params), expiresAt, clientAddress]);
  }

  async countPushed(clientAddress: string, now: number) {
    return counts(await this.exec.first(q.pushedCounts, [clientAddress, now]));
  }

  async takePushedRequest(hash: Uint8Array, now: number) {
    const row = await this.exec.first(q.take, [hash, now]);
    return row ? parseJsonValue(row.params, zPushedParams, 'pushed_requests.params') : undefined;
  }
}
