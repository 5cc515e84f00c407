import type { Database, Statement } from 'better-sqlite3';
import type { AuthorizationRecord, AuthorizationStatus, AuthorizationStore, DecisionOutcome, NewOffer } from '../core/store';
import { decodeCursor, encodeCursor, parseJsonColumn } from './columns';
import type { SqliteOfferStore } from './sqlite-offer-store';

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
  status: AuthorizationStatus;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}

const toRecord = (row: AuthorizationRow): AuthorizationRecord => ({
  id: row.id,
  ...(row.code_offer_id ? { codeOfferId: row.code_offer_id } : {}),
  clientId: row.client_id,
  redirectUri: row.redirect_uri,
  ...(row.state !== null ? { state: row.state } : {}),
  codeChallenge: row.code_challenge,
  credentials: parseJsonColumn(row.credentials, 'authorizations.credentials') as string[],
  shortCode: row.short_code,
  codeHash: row.code_hash,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
});

export class SqliteAuthorizationStore implements AuthorizationStore {
  private readonly s: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly offers: SqliteOfferStore,
  ) {
    this.s = {
      insert:
        db.prepare(`INSERT INTO authorizations (id, code_offer_id, client_id, redirect_uri, state, code_challenge, credentials, short_code, handle_hash, code_hash, status, created_at, expires_at)
        VALUES (@id, @codeOfferId, @clientId, @redirectUri, @state, @codeChallenge, @credentials, @shortCode, @handleHash, @codeHash, 'pending', @createdAt, @expiresAt)`),
      get: db.prepare(`SELECT * FROM authorizations WHERE id = ?`),
      byHandle: db.prepare(`SELECT * FROM authorizations WHERE handle_hash = ?`),
      list: db.prepare(`SELECT * FROM authorizations WHERE seq < @cursor ORDER BY seq DESC LIMIT @limit`),
      listByStatus: db.prepare(`SELECT * FROM authorizations WHERE status = @status AND seq < @cursor ORDER BY seq DESC LIMIT @limit`),
      decide: db.prepare(
        `UPDATE authorizations SET status = @status, decided_at = @now WHERE id = @id AND status = 'pending' AND expires_at > @now`,
      ),
      exists: db.prepare(`SELECT 1 FROM authorizations WHERE id = ?`),
      expire: db.prepare(`UPDATE authorizations SET status = 'expired', decided_at = @now WHERE status = 'pending' AND expires_at <= @now`),
      push: db.prepare(`INSERT INTO pushed_requests (hash, params, expires_at) VALUES (?, ?, ?)`),
      take: db.prepare(`DELETE FROM pushed_requests WHERE hash = ? AND expires_at > ? RETURNING params`),
      purgePushed: db.prepare(`DELETE FROM pushed_requests WHERE expires_at <= ?`),
    };
  }

  async insert(a: Omit<AuthorizationRecord, 'status' | 'decidedAt'> & { handleHash: Uint8Array }) {
    this.s.insert!.run({
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
      createdAt: a.createdAt,
      expiresAt: a.expiresAt,
    });
  }

  async get(id: string) {
    return this.one(this.s.get!, id);
  }

  async getByHandleHash(hash: Uint8Array) {
    return this.one(this.s.byHandle!, hash);
  }

  async list(query: { status?: AuthorizationStatus; limit: number; cursor?: string }) {
    const params = { status: query.status, cursor: decodeCursor(query.cursor), limit: query.limit + 1 };
    const rows = (query.status ? this.s.listByStatus! : this.s.list!).all(params) as AuthorizationRow[];
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor(page.at(-1)!.seq) : undefined;
    return { authorizations: page.map(toRecord), ...(nextCursor ? { nextCursor } : {}) };
  }

  async approve(id: string, offer: NewOffer, now: number) {
    return this.db.transaction((): DecisionOutcome => {
      const outcome = this.decide(id, 'approved', now);
      if (outcome === 'done') this.offers.insertRow({ ...offer, kind: 'authorization_code' });
      return outcome;
    })();
  }

  async reject(id: string, now: number) {
    return this.db.transaction(() => this.decide(id, 'rejected', now))();
  }

  async expireDue(now: number) {
    return this.db.transaction(() => {
      this.s.purgePushed!.run(now);
      return this.s.expire!.run({ now }).changes;
    })();
  }

  async pushRequest(hash: Uint8Array, params: Record<string, string>, expiresAt: number) {
    this.s.push!.run(hash, JSON.stringify(params), expiresAt);
  }

  async takePushedRequest(hash: Uint8Array, now: number) {
    const row = this.s.take!.get(hash, now) as { params: string } | undefined;
    return row ? (parseJsonColumn(row.params, 'pushed_requests.params') as Record<string, string>) : undefined;
  }

  private decide(id: string, status: 'approved' | 'rejected', now: number): DecisionOutcome {
    if (this.s.decide!.run({ id, status, now }).changes === 1) return 'done';
    return this.s.exists!.get(id) ? 'not_pending' : 'not_found';
  }

  private one(statement: Statement, key: unknown) {
    const row = statement.get(key) as AuthorizationRow | undefined;
    return row ? toRecord(row) : undefined;
  }
}
