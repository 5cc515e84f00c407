import type { NewStatusList, StatusListStore, StatusListToken } from '../../core/store';
import { STATUS_LIST_COLUMNS, toStatusList, type StatusListRow } from '../status-rows';
import type { PgExec } from './pg-connection';
import { parseColumn } from '../columns';
import { zStatusListSignWith, type StatusListSignWith } from '../../../../shared/api/z-credential-status';
import { statement } from './pg-statement';

type Bytes = Uint8Array;

// Every step is one statement on one row, so several processes allocate from one list at once
// without ever sharing a position (DESIGN §13): PostgreSQL locks the row for the UPDATE and
// re-checks its WHERE clause against the version the previous writer committed.
const q = {
  all: statement<[], StatusListRow>('status-lists.all', `SELECT ${STATUS_LIST_COLUMNS} FROM status_lists ORDER BY seq`),
  byId: statement<[string], StatusListRow>('status-lists.by-id', `SELECT ${STATUS_LIST_COLUMNS} FROM status_lists WHERE id = $1`),
  newest: statement<[string], StatusListRow>(
    'status-lists.newest',
    `SELECT ${STATUS_LIST_COLUMNS} FROM status_lists WHERE iaca_id = $1 ORDER BY seq DESC LIMIT 1`,
  ),
  lastSeq: statement<[], { seq: number | null }>('status-lists.last-seq', `SELECT max(seq)::bigint AS seq FROM status_lists`),
  take: statement<[string, number], StatusListRow & { first: number }>(
    'status-lists.take',
    `UPDATE status_lists SET allocated = allocated + $2 WHERE id = $1 AND allocated + $2 <= size
      RETURNING allocated - $2 AS first, ${STATUS_LIST_COLUMNS}`,
  ),
  // Added after the last list of all (whichever IACA's), once: a second process that found the list
  // full too conflicts on seq and adds nothing, then finds the new one.
  insertAfter: statement<[number, string, string, string, number, Bytes, number]>(
    'status-lists.insert-after',
    `INSERT INTO status_lists (seq, id, uri, iaca_id, size, permutation_key, created_at)
      SELECT $1 + 1, $2, $3, $4, $5, $6, $7 WHERE COALESCE((SELECT max(seq) FROM status_lists), 0) = $1
      ON CONFLICT (seq) DO NOTHING`,
  ),
  invalid: statement<[string], { status_idx: number }>(
    'status-lists.invalid',
    `SELECT status_idx FROM issued_credentials WHERE status_list_id = $1 AND status = 'invalid'`,
  ),
  signWith: statement<[], { sign_with: string }>('status-lists.sign-with', `SELECT sign_with FROM status_list_settings WHERE id = 1`),
  setSignWith: statement<[string, number]>(
    'status-lists.set-sign-with',
    `INSERT INTO status_list_settings (id, sign_with, updated_at) VALUES (1, $1, $2)
      ON CONFLICT (id) DO UPDATE SET sign_with = excluded.sign_with, updated_at = excluded.updated_at`,
  ),
  saveToken: statement<[string, Bytes, number, number, number]>(
    'status-lists.save-token',
    `UPDATE status_lists SET token = $2, token_issued_at = $3, token_expires_at = $4, token_version = $5
      WHERE id = $1 AND (token_version IS NULL OR token_version < $5 OR (token_version = $5 AND token_issued_at < $3))`,
  ),
};

const MAX_ATTEMPTS = 10;

export class PgStatusListStore implements StatusListStore {
  constructor(private readonly exec: PgExec) {}

  async list() {
    return (await this.exec.rows(q.all, [])).map(toStatusList);
  }

  async get(id: string) {
    const row = await this.exec.first(q.byId, [id]);
    return row ? toStatusList(row) : undefined;
  }

  async allocate(count: number, iacaId: string, newList: () => NewStatusList) {
    if (!Number.isInteger(count) || count < 1) throw new Error('allocate at least one status list entry');
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      // The last seq first: a list added after this read makes the insert below add nothing.
      const last = Number((await this.exec.first(q.lastSeq, []))?.seq ?? 0);
      const newest = await this.exec.first(q.newest, [iacaId]);
      if (newest) {
        const taken = await this.exec.first(q.take, [newest.id, count]);
        if (taken) return { list: toStatusList(taken), first: taken.first };
      }
      const next = newList();
      if (count > next.size) throw new Error(`cannot take ${count} entries from a status list of ${next.size}`);
      if (next.iacaId !== iacaId) throw new Error('a new status list belongs to the IACA it was asked for');
      await this.exec.changes(q.insertAfter, [last, next.id, next.uri, next.iacaId, next.size, next.permutationKey, next.createdAt]);
    }
    throw new Error('could not allocate a status list entry: the newest list kept filling up; try again');
  }

  async invalidIndices(listId: string) {
    return (await this.exec.rows(q.invalid, [listId])).map((row) => row.status_idx);
  }

  async signWith() {
    const row = await this.exec.first(q.signWith, []);
    return row ? parseColumn(row.sign_with, zStatusListSignWith, 'status_list_settings.sign_with') : undefined;
  }

  async setSignWith(signWith: StatusListSignWith, now: number) {
    await this.exec.changes(q.setSignWith, [signWith, now]);
  }

  async saveToken(listId: string, token: StatusListToken) {
    return (await this.exec.changes(q.saveToken, [listId, token.bytes, token.issuedAt, token.expiresAt, token.version])) === 1;
  }
}
