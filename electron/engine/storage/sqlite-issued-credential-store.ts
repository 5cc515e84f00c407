import type { Database } from 'better-sqlite3';
import type { CredentialStatus, IssuedCredentialQuery, IssuedCredentialStore, StatusChangeOutcome, StatusReason } from '../core/store';
import { paginate } from './paginate';
import type { SqliteExec } from './sqlite-connection';
import { ISSUED_COLUMNS, toIssuedView, type IssuedRow } from './status-rows';

type ListParams = {
  userId: string | null;
  offerId: string | null;
  prefix: string | null;
  prefixEnd: string | null;
  from: number | null;
  to: number | null;
  before: number;
  limit: number;
};

export function prepareIssuedCredentialStatements(db: Database) {
  return {
    byId: db.prepare<[string], IssuedRow>(`SELECT ${ISSUED_COLUMNS} FROM issued_credentials WHERE id = ?`),
    list: db.prepare<ListParams, IssuedRow>(
      `SELECT ${ISSUED_COLUMNS} FROM issued_credentials
        WHERE seq < @before AND (@userId IS NULL OR user_id = @userId) AND (@offerId IS NULL OR offer_id = @offerId)
        AND (@prefix IS NULL OR (offer_id >= @prefix AND offer_id < @prefixEnd))
        AND (@from IS NULL OR issued_at >= @from) AND (@to IS NULL OR issued_at < @to)
        ORDER BY seq DESC LIMIT @limit`,
    ),
    invalidate: db.prepare<{ id: string; reason: string | null; now: number }, { status_list_id: string }>(
      `UPDATE issued_credentials SET status = 'invalid', status_reason = @reason, status_changed_at = @now
        WHERE id = @id AND status = 'valid' AND status_list_id IS NOT NULL RETURNING status_list_id`,
    ),
    bump: db.prepare<[string]>(`UPDATE status_lists SET version = version + 1 WHERE id = ?`),
  };
}

export type IssuedCredentialStatements = ReturnType<typeof prepareIssuedCredentialStatements>;

export class SqliteIssuedCredentialStore implements IssuedCredentialStore {
  private readonly change: (id: string, status: CredentialStatus, reason: StatusReason | undefined, now: number) => StatusChangeOutcome;

  constructor(
    db: Database,
    private readonly s: IssuedCredentialStatements,
    private readonly exec: SqliteExec,
  ) {
    this.change = db.transaction((id: string, status: CredentialStatus, reason: StatusReason | undefined, now: number) => {
      if (status === 'invalid') {
        const changed = s.invalidate.get({ id, reason: reason ?? null, now });
        if (changed) {
          s.bump.run(changed.status_list_id);
          return 'changed';
        }
      }
      const row = s.byId.get(id);
      if (!row) return 'not_found';
      if (row.status_list_id === null) return 'no_status';
      if (row.status === status) return 'unchanged';
      return 'final';
    });
  }

  get(id: string) {
    return this.exec.read(() => {
      const row = this.s.byId.get(id);
      return row ? toIssuedView(row) : undefined;
    });
  }

  list(query: IssuedCredentialQuery) {
    const filter = {
      userId: query.userId ?? null,
      offerId: query.offerId ?? null,
      // Ids are lower-case hex and dashes, compared byte by byte: the prefix's range ends where its last character is one higher.
      prefix: query.offerIdPrefix ?? null,
      prefixEnd: query.offerIdPrefix
        ? query.offerIdPrefix.slice(0, -1) + String.fromCharCode(query.offerIdPrefix.charCodeAt(query.offerIdPrefix.length - 1) + 1)
        : null,
      from: query.issuedFrom ?? null,
      to: query.issuedTo ?? null,
    };
    return this.exec.read(() => paginate(query, (before, limit) => this.s.list.all({ ...filter, before, limit }), toIssuedView));
  }

  setStatus(id: string, status: CredentialStatus, reason: StatusReason | undefined, now: number) {
    return this.exec.write(() => this.change(id, status, reason, now));
  }
}
