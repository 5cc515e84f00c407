import type { Database } from 'better-sqlite3';
import type { NewStatusList, StatusListRecord, StatusListStore, StatusListToken } from '../core/store';
import type { SqliteExec } from './sqlite-connection';
import { parseColumn } from './columns';
import { zStatusListSignWith, type StatusListSignWith } from '../../../shared/api/z-credential-status';
import { STATUS_LIST_COLUMNS, toStatusList, type StatusListRow } from './status-rows';

export function prepareStatusListStatements(db: Database) {
  return {
    all: db.prepare<[], StatusListRow>(`SELECT ${STATUS_LIST_COLUMNS} FROM status_lists ORDER BY seq`),
    byId: db.prepare<[string], StatusListRow>(`SELECT ${STATUS_LIST_COLUMNS} FROM status_lists WHERE id = ?`),
    newest: db.prepare<[string], StatusListRow>(
      `SELECT ${STATUS_LIST_COLUMNS} FROM status_lists WHERE iaca_id = ? ORDER BY seq DESC LIMIT 1`,
    ),
    insert: db.prepare<[string, string, string, number, Uint8Array, number]>(
      `INSERT INTO status_lists (id, uri, iaca_id, size, permutation_key, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    take: db.prepare<{ id: string; count: number }, { first: number }>(
      `UPDATE status_lists SET allocated = allocated + @count WHERE id = @id AND allocated + @count <= size RETURNING allocated - @count AS first`,
    ),
    invalid: db.prepare<[string], { status_idx: number }>(
      `SELECT status_idx FROM issued_credentials WHERE status_list_id = ? AND status = 'invalid'`,
    ),
    signWith: db.prepare<[], { sign_with: string }>(`SELECT sign_with FROM status_list_settings WHERE id = 1`),
    setSignWith: db.prepare<[string, number]>(
      `INSERT INTO status_list_settings (id, sign_with, updated_at) VALUES (1, ?, ?)
        ON CONFLICT (id) DO UPDATE SET sign_with = excluded.sign_with, updated_at = excluded.updated_at`,
    ),
    saveToken: db.prepare<{ id: string; token: Uint8Array; issuedAt: number; expiresAt: number; version: number }>(
      `UPDATE status_lists SET token = @token, token_issued_at = @issuedAt, token_expires_at = @expiresAt, token_version = @version
        WHERE id = @id AND (token_version IS NULL OR token_version < @version OR (token_version = @version AND token_issued_at < @issuedAt))`,
    ),
  };
}

export type StatusListStatements = ReturnType<typeof prepareStatusListStatements>;

export class SqliteStatusListStore implements StatusListStore {
  private readonly take: (count: number, iacaId: string, newList: () => NewStatusList) => { list: StatusListRecord; first: number };

  constructor(
    db: Database,
    private readonly s: StatusListStatements,
    private readonly exec: SqliteExec,
  ) {
    this.take = db.transaction((count: number, iacaId: string, newList: () => NewStatusList) => {
      let list = s.newest.get(iacaId);
      let taken = list ? s.take.get({ id: list.id, count }) : undefined;
      if (!taken) {
        const next = newList();
        if (count > next.size) throw new Error(`cannot take ${count} entries from a status list of ${next.size}`);
        if (next.iacaId !== iacaId) throw new Error('a new status list belongs to the IACA it was asked for');
        s.insert.run(next.id, next.uri, next.iacaId, next.size, next.permutationKey, next.createdAt);
        taken = s.take.get({ id: next.id, count })!;
        list = s.byId.get(next.id)!;
      } else {
        list = s.byId.get(list!.id)!;
      }
      return { list: toStatusList(list), first: taken.first };
    });
  }

  list() {
    return this.exec.read(() => this.s.all.all().map(toStatusList));
  }

  get(id: string) {
    return this.exec.read(() => {
      const row = this.s.byId.get(id);
      return row ? toStatusList(row) : undefined;
    });
  }

  allocate(count: number, iacaId: string, newList: () => NewStatusList) {
    if (!Number.isInteger(count) || count < 1) throw new Error('allocate at least one status list entry');
    return this.exec.write(() => this.take(count, iacaId, newList));
  }

  invalidIndices(listId: string) {
    return this.exec.read(() => this.s.invalid.all(listId).map((row) => row.status_idx));
  }

  signWith() {
    return this.exec.read(() => {
      const row = this.s.signWith.get();
      return row ? parseColumn(row.sign_with, zStatusListSignWith, 'status_list_settings.sign_with') : undefined;
    });
  }

  setSignWith(signWith: StatusListSignWith, now: number) {
    return this.exec.write(() => void this.s.setSignWith.run(signWith, now));
  }

  saveToken(listId: string, token: StatusListToken) {
    return this.exec.write(
      () =>
        this.s.saveToken.run({
          id: listId,
          token: token.bytes,
          issuedAt: token.issuedAt,
          expiresAt: token.expiresAt,
          version: token.version,
        }).changes === 1,
    );
  }
}
