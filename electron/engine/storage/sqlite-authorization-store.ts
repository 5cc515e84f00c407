import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { zAuthorizationStatus } from '../../../shared/api/z-authorization';
import type { AuthorizationRecord, AuthorizationStatus, AuthorizationStore, DecisionOutcome, PageQuery } from '../core/store';
import { parseColumn, parseJsonColumn, zIdList } from './columns';
import { paginate } from './paginate';
import type { SqliteExec } from './sqlite-connection';

interface AuthorizationRow {
  seq: number;
  id: string;
  code_offer_id: string | null;
  client_id: string;
  redirect_uri: string;
  state: string | null;
  code_challenge: string;
  credentials: string;
  short_code: string;
  code_hash: Buffer;
  status: string;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  claims_key: Buffer | null;
  dpop_jkt: string | null;
  details_credentials: string | null;
}

interface InsertParams {
  id: string;
  codeOfferId: string | null;
  clientId: string;
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
  credentials: string;
  shortCode: string;
  handleHash: Uint8Array;
  codeHash: Uint8Array;
  claimsKey: Uint8Array | null;
  dpopJkt: string | null;
  details: string | null;
  clientAddress: string;
  createdAt: number;
  expiresAt: number;
}

type NewAuthorization = Omit<AuthorizationRecord, 'status' | 'decidedAt'> & { handleHash: Uint8Array; clientAddress: string };

const zPushedParams = z.record(z.string(), z.string());

export function prepareAuthorizationStatements(db: Database) {
  return {
    insert: db.prepare<InsertParams>(
      `INSERT INTO authorizations (id, code_offer_id, client_id, redirect_uri, state, code_challenge, credentials, short_code, handle_hash, code_hash, claims_key, dpop_jkt, details_credentials, client_address, status, created_at, expires_at)
        VALUES (@id, @codeOfferId, @clientId, @redirectUri, @state, @codeChallenge, @credentials, @shortCode, @handleHash, @codeHash, @claimsKey, @dpopJkt, @details, @clientAddress, 'pending', @createdAt, @expiresAt)`,
    ),
    get: db.prepare<[string], AuthorizationRow>(`SELECT * FROM authorizations WHERE id = ?`),
    byHandle: db.prepare<[Uint8Array], AuthorizationRow>(`SELECT * FROM authorizations WHERE handle_hash = ?`),
    list: db.prepare<{ before: number; limit: number }, AuthorizationRow>(
      `SELECT * FROM authorizations WHERE seq < @before ORDER BY seq DESC LIMIT @limit`,
    ),
    listByStatus: db.prepare<{ status: AuthorizationStatus; before: number; limit: number }, AuthorizationRow>(
      `SELECT * FROM authorizations WHERE status = @status AND seq < @before ORDER BY seq DESC LIMIT @limit`,
    ),
    listByCode: db.prepare<{ shortCode: string; status: AuthorizationStatus | null; before: number; limit: number }, AuthorizationRow>(
      `SELECT * FROM authorizations WHERE short_code = @shortCode AND (@status IS NULL OR status = @status) AND seq < @before
        ORDER BY seq DESC LIMIT @limit`,
    ),
    pendingFrom: db.prepare<{ address: string; now: number }, { n: number }>(
      `SELECT count(*) AS n FROM authorizations WHERE status = 'pending' AND client_address = @address AND expires_at > @now`,
    ),
    pendingTotal: db.prepare<{ now: number }, { n: number }>(
      `SELECT count(*) AS n FROM authorizations WHERE status = 'pending' AND expires_at > @now`,
    ),
    codePending: db.prepare<{ shortCode: string; now: number }, { found: 1 }>(
      `SELECT 1 AS found FROM authorizations WHERE status = 'pending' AND short_code = @shortCode AND expires_at > @now LIMIT 1`,
    ),
    decide: db.prepare<{ id: string; status: 'approved' | 'rejected'; now: number }>(
      `UPDATE authorizations SET status = @status, decided_at = @now WHERE id = @id AND status = 'pending' AND expires_at > @now`,
    ),
    exists: db.prepare<[string], { found: 1 }>(`SELECT 1 AS found FROM authorizations WHERE id = ?`),
    rejectPendingFrom: db.prepare<{ codeOfferId: string; now: number }>(
      `UPDATE authorizations SET status = 'rejected', decided_at = @now WHERE code_offer_id = @codeOfferId AND status = 'pending'`,
    ),
    expire: db.prepare<{ now: number }>(
      `UPDATE authorizations SET status = 'expired', decided_at = @now WHERE status = 'pending' AND expires_at <= @now`,
    ),
    // Requests are decided or expire within minutes of their creation: the oldest by seq ended first.
    purgeEnded: db.prepare<{ endedBefore: number; limit: number }>(
      `DELETE FROM authorizations WHERE seq IN (SELECT seq FROM authorizations ORDER BY seq LIMIT @limit) AND decided_at < @endedBefore`,
    ),
    push: db.prepare<[Uint8Array, string, number, string]>(
      `INSERT INTO pushed_requests (hash, params, expires_at, client_address) VALUES (?, ?, ?, ?)`,
    ),
    pushedFrom: db.prepare<{ address: string; now: number }, { n: number }>(
      `SELECT count(*) AS n FROM pushed_requests WHERE client_address = @address AND expires_at > @now`,
    ),
    pushedTotal: db.prepare<{ now: number }, { n: number }>(`SELECT count(*) AS n FROM pushed_requests WHERE expires_at > @now`),
    take: db.prepare<[Uint8Array, number], { params: string }>(
      `DELETE FROM pushed_requests WHERE hash = ? AND expires_at > ? RETURNING params`,
    ),
    purgePushed: db.prepare<[number]>(`DELETE FROM pushed_requests WHERE expires_at <= ?`),
  };
}

export type AuthorizationStatements = ReturnType<typeof prepareAuthorizationStatements>;

const toRecord = (row: AuthorizationRow): AuthorizationRecord => ({
  id: row.id,
  ...(row.code_offer_id ? { codeOfferId: row.code_offer_id } : {}),
  clientId: row.client_id,
  redirectUri: row.redirect_uri,
  ...(row.state !== null ? { state: row.state } : {}),
  codeChallenge: row.code_challenge,
  credentials: parseJsonColumn(row.credentials, zIdList, 'authorizations.credentials'),
  shortCode: row.short_code,
  codeHash: row.code_hash,
  status: parseColumn(row.status, zAuthorizationStatus, 'authorizations.status'),
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
  ...(row.claims_key ? { claimsKey: row.claims_key } : {}),
  ...(row.dpop_jkt ? { dpopJkt: row.dpop_jkt } : {}),
  ...(row.details_credentials
    ? { detailsCredentials: parseJsonColumn(row.details_credentials, zIdList, 'authorizations.details_credentials') }
    : {}),
});

export class SqliteAuthorizationStore implements AuthorizationStore {
  private readonly expire: (now: number) => number;

  constructor(
    db: Database,
    private readonly s: AuthorizationStatements,
    private readonly exec: SqliteExec,
  ) {
    this.expire = db.transaction((now: number) => {
      s.purgePushed.run(now);
      return s.expire.run({ now }).changes;
    });
  }

  insert(a: NewAuthorization) {
    return this.exec.write(() => {
      this.s.insert.run({
        id: a.id,
        codeOfferId: a.codeOfferId ?? null,
        clientId: a.clientId,
        redirectUri: a.redirectUri,
        state: a.state ?? null,
        codeChallenge: a.codeChallenge,
        credentials: JSON.stringify(a.credentials),
        shortCode: a.shortCode,
        handleHash: a.handleHash,
        codeHash: a.codeHash,
        claimsKey: a.claimsKey ?? null,
        dpopJkt: a.dpopJkt ?? null,
        details: a.detailsCredentials ? JSON.stringify(a.detailsCredentials) : null,
        clientAddress: a.clientAddress,
        createdAt: a.createdAt,
        expiresAt: a.expiresAt,
      });
    });
  }

  get(id: string) {
    return this.exec.read(() => this.one(this.s.get.get(id)));
  }

  getByHandleHash(hash: Uint8Array) {
    return this.exec.read(() => this.one(this.s.byHandle.get(hash)));
  }

  list(query: PageQuery & { status?: AuthorizationStatus; shortCode?: string }) {
    const { status, shortCode } = query;
    const rows = (before: number, limit: number) => {
      if (shortCode !== undefined) return this.s.listByCode.all({ shortCode, status: status ?? null, before, limit });
      return status ? this.s.listByStatus.all({ status, before, limit }) : this.s.list.all({ before, limit });
    };
    return this.exec.read(() => paginate(query, rows, toRecord));
  }

  countPending(clientAddress: string, now: number) {
    return this.exec.read(() => ({
      fromAddress: this.s.pendingFrom.get({ address: clientAddress, now })!.n,
      total: this.s.pendingTotal.get({ now })!.n,
    }));
  }

  isShortCodePending(shortCode: string, now: number) {
    return this.exec.read(() => this.s.codePending.get({ shortCode, now }) !== undefined);
  }

  decide(id: string, decision: 'approved' | 'rejected', now: number) {
    return this.exec.write((): DecisionOutcome => {
      if (this.s.decide.run({ id, status: decision, now }).changes === 1) return 'done';
      return this.s.exists.get(id) ? 'not_pending' : 'not_found';
    });
  }

  rejectPendingFrom(codeOfferId: string, now: number) {
    return this.exec.write(() => this.s.rejectPendingFrom.run({ codeOfferId, now }).changes);
  }

  expireDue(now: number) {
    return this.exec.write(() => this.expire(now));
  }

  purgeEnded(endedBefore: number, limit: number) {
    return this.exec.write(() => this.s.purgeEnded.run({ endedBefore, limit }).changes);
  }

  pushRequest(hash: Uint8Array, params: Record<string, string>, expiresAt: number, clientAddress: string) {
    return this.exec.write(() => void this.s.push.run(hash, JSON.stringify(params), expiresAt, clientAddress));
  }

  countPushed(clientAddress: string, now: number) {
    return this.exec.read(() => ({
      fromAddress: this.s.pushedFrom.get({ address: clientAddress, now })!.n,
      total: this.s.pushedTotal.get({ now })!.n,
    }));
  }

  takePushedRequest(hash: Uint8Array, now: number) {
    return this.exec.write(() => {
      const row = this.s.take.get(hash, now);
      return row ? parseJsonColumn(row.params, zPushedParams, 'pushed_requests.params') : undefined;
    });
  }

  private one(row: AuthorizationRow | undefined) {
    return row ? toRecord(row) : undefined;
  }
}
