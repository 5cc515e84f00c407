import type { Database, Statement } from 'better-sqlite3';
import { zApiRole } from '../../../shared/api/z-api-token';
import type { ApiTokenRecord, ApiTokenStore } from '../core/store';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_at: number;
}

const toRecord = (row: TokenRow): ApiTokenRecord => ({
  id: row.id,
  name: row.name,
  role: zApiRole.parse(row.role),
  createdAt: row.created_at,
});

export class SqliteApiTokenStore implements ApiTokenStore {
  private readonly s: Record<'insert' | 'deleteNamed' | 'byHash' | 'list' | 'revoke' | 'count', Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (@id, @name, @role, @hash, @createdAt)`),
      deleteNamed: db.prepare(`DELETE FROM api_tokens WHERE name = ?`),
      byHash: db.prepare(`SELECT id, name, role, created_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`),
      list: db.prepare(`SELECT id, name, role, created_at FROM api_tokens WHERE revoked_at IS NULL ORDER BY created_at, id`),
      revoke: db.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
      count: db.prepare(`SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL`),
    };
  }

  async insert(token: ApiTokenRecord & { hash: Uint8Array }) {
    this.s.insert.run(token);
  }

  async replaceNamed(token: ApiTokenRecord & { hash: Uint8Array }) {
    this.db.transaction(() => {
      this.s.deleteNamed.run(token.name);
      this.s.insert.run(token);
    })();
  }

  async findByHash(hash: Uint8Array) {
    const row = this.s.byHash.get(hash) as TokenRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async list() {
    return (this.s.list.all() as TokenRow[]).map(toRecord);
  }

  async revoke(id: string, now: number) {
    return this.s.revoke.run(now, id).changes === 1;
  }

  async count() {
    return (this.s.count.get() as { n: number }).n;
  }
}
