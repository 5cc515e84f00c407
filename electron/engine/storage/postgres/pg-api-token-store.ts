import { zApiRole } from '../../../../shared/api/z-api-token';
import type { ApiTokenRecord, ApiTokenStore } from '../../core/store';
import { parseColumn } from '../columns';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_at: number;
}

type NewToken = ApiTokenRecord & { hash: Uint8Array };

const q = {
  insert: statement<[string, string, string, Uint8Array, number]>(
    'api-tokens.insert',
    `INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
  ),
  deleteNamed: statement<[string]>('api-tokens.delete-named', `DELETE FROM api_tokens WHERE name = $1`),
  byHash: statement<[Uint8Array], TokenRow>(
    'api-tokens.by-hash',
    `SELECT id, name, role, created_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
  ),
  list: statement<[], TokenRow>(
    'api-tokens.list',
    `SELECT id, name, role, created_at FROM api_tokens WHERE revoked_at IS NULL ORDER BY created_at, id`,
  ),
  revoke: statement<[number, string]>('api-tokens.revoke', `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`),
  count: statement<[], { n: number }>('api-tokens.count', `SELECT count(*)::int AS n FROM api_tokens WHERE revoked_at IS NULL`),
};

const toRecord = (row: TokenRow): ApiTokenRecord => ({
  id: row.id,
  name: row.name,
  role: parseColumn(row.role, zApiRole, 'api_tokens.role'),
  createdAt: row.created_at,
});
const insertParams = (t: NewToken): [string, string, string, Uint8Array, number] => [t.id, t.name, t.role, t.hash, t.createdAt];

export class PgApiTokenStore implements ApiTokenStore {
  constructor(private readonly exec: PgExec) {}

  async insert(token: NewToken) {
    await this.exec.changes(q.insert, insertParams(token));
  }

  replaceNamed(token: NewToken) {
    return this.exec.atomic(async (tx) => {
      await tx.changes(q.deleteNamed, [token.name]);
      await tx.changes(q.insert, insertParams(token));
    });
  }

  async findByHash(hash: Uint8Array) {
    const row = await this.exec.first(q.byHash, [hash]);
    return row ? toRecord(row) : undefined;
  }

  async list() {
    return (await this.exec.rows(q.list, [])).map(toRecord);
  }

  async revoke(id: string, now: number) {
    return (await this.exec.changes(q.revoke, [now, id])) === 1;
  }

  async count() {
    return (await this.exec.first(q.count, []))?.n ?? 0;
  }
}
