import type { Database } from 'better-sqlite3';
import { zApiRole } from '../../../shared/api/z-api-token';
import type { ApiTokenRecord, ApiTokenStore } from '../core/store';
import { parseColumn } from './columns';
import type { SqliteExec } from './sqlite-connection';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_at: number;
}

type NewToken = ApiTokenRecord & { hash: Uint8Array };

export function prepareApiTokenStatements(db: Database) {
  return {
    insert: db.prepare<NewToken>(
      `INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (@id, @name, @role, @hash, @createdAt)`,
    ),
    deleteNamed: db.prepare<[string]>(`DELETE FROM api_tokens WHERE name = ?`),
    byHash: db.prepare<[Uint8Array], TokenRow>(
      `SELECT id, name, role, created_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`,
    ),
    list: db.prepare<[], TokenRow>(`SELECT id, name, role, created_at FROM api_tokens WHERE revoked_at IS NULL ORDER BY created_at, id`),
    revoke: db.prepare<[number, string]>(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
    count: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL`),
  };
}

export type ApiTokenStatements = ReturnType<typeof prepareApiTokenStatements>;

const toRecord = (row: TokenRow): ApiTokenRecord => ({
  id: row.id,
  name: row.name,
  role: parseColumn(row.role, zApiRole, 'api_tokens.role'),
  createdAt: row.created_at,
});

/** API tokens are a handful per kiosk, listed whole (no pages). */
export class SqliteApiTokenStore implements ApiTokenStore {
  private readonly replace: (token: NewToken) => void;

  constructor(
    db: Database,
    private readonly s: ApiTokenStatements,
    private readonly exec: SqliteExec,
  ) {
    this.replace = db.transaction((token: NewToken) => {
      s.deleteNamed.run(token.name);
      s.insert.run(token);
    });
  }

  insert(token: NewToken) {
    return this.exec.write(() => void this.s.insert.run(token));
  }

  replaceNamed(token: NewToken) {
    return this.exec.write(() => this.replace(token));
  }

  findByHash(hash: Uint8Array) {
    return this.exec.read(() => {
      const row = this.s.byHash.get(hash);
      return row ? toRecord(row) : undefined;
    });
  }

  list() {
    return this.exec.read(() => this.s.list.all().map(toRecord));
  }

  revoke(id: string, now: number) {
    return this.exec.write(() => this.s.revoke.run(now, id).changes === 1);
  }

  count() {
    return this.exec.read(() => this.s.count.get()?.n ?? 0);
  }
}
