import type { CredentialStatus, IssuedCredentialQuery, IssuedCredentialStore, StatusReason } from '../../core/store';
import { paginate } from '../paginate';
import { ISSUED_COLUMNS, toIssuedView, type IssuedRow } from '../status-rows';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

const q = {
  byId: statement<[string], IssuedRow>('issued.by-id', `SELECT ${ISSUED_COLUMNS} FROM issued_credentials WHERE id = $1`),
  // The offer id prefix is hex digits only: no LIKE wildcard can be in it.
  list: statement<[string | null, string | null, number | null, number | null, number, number, string | null], IssuedRow>(
    'issued.list',
    `SELECT ${ISSUED_COLUMNS} FROM issued_credentials
      WHERE seq < $5 AND ($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR offer_id = $2)
      AND ($3::bigint IS NULL OR issued_at >= $3) AND ($4::bigint IS NULL OR issued_at < $4)
      AND ($7::text IS NULL OR offer_id LIKE $7 || '%')
      ORDER BY seq DESC LIMIT $6`,
  ),
  // One statement: the credential turns invalid and its list's version moves on together (DESIGN §13).
  invalidate: statement<[string, string | null, number], { changed: number }>(
    'issued.invalidate',
    `WITH c AS (
      UPDATE issued_credentials SET status = 'invalid', status_reason = $2, status_changed_at = $3
      WHERE id = $1 AND status = 'valid' AND status_list_id IS NOT NULL RETURNING status_list_id),
    bumped AS (UPDATE status_lists SET version = version + 1 WHERE id IN (SELECT status_list_id FROM c) RETURNING id)
    SELECT count(*)::int AS changed FROM c`,
  ),
};

export class PgIssuedCredentialStore implements IssuedCredentialStore {
  constructor(private readonly exec: PgExec) {}

  async get(id: string) {
    const row = await this.exec.first(q.byId, [id]);
    return row ? toIssuedView(row) : undefined;
  }

  list(query: IssuedCredentialQuery) {
    const filter = [query.userId ?? null, query.offerId ?? null, query.issuedFrom ?? null, query.issuedTo ?? null] as const;
    const prefix = query.offerIdPrefix && /^[0-9a-f]+$/.test(query.offerIdPrefix) ? query.offerIdPrefix : null;
    return paginate(query, (before, limit) => this.exec.rows(q.list, [...filter, before, limit, prefix]), toIssuedView);
  }

  async setStatus(id: string, status: CredentialStatus, reason: StatusReason | undefined, now: number) {
    if (status === 'invalid' && ((await this.exec.first(q.invalidate, [id, reason ?? null, now]))?.changed ?? 0) > 0) return 'changed';
    const row = await this.exec.first(q.byId, [id]);
    if (!row) return 'not_found';
    if (row.status_list_id === null) return 'no_status';
    return row.status === status ? 'unchanged' : 'final';
  }
}
