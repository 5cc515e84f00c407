import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { CodeOfferRecord, CodeOfferStore, PageQuery } from '../core/store';
import { parseJsonColumn, zIdList } from './columns';
import { paginate } from './paginate';
import type { SqliteExec } from './sqlite-connection';

interface CodeOfferRow {
  seq: number;
  id: string;
  credentials: string;
  issuer_state: string;
  request_parameters: string | null;
  created_at: number;
  revoked_at: number | null;
}

const zRequestParameters = z.object({ login_hint: z.string().optional(), prompt: z.string().optional() });

export function prepareCodeOfferStatements(db: Database) {
  return {
    insert: db.prepare<{ id: string; credentials: string; issuerState: string; requestParameters: string | null; createdAt: number }>(
      `INSERT INTO code_offers (id, credentials, issuer_state, request_parameters, created_at) VALUES (@id, @credentials, @issuerState, @requestParameters, @createdAt)`,
    ),
    get: db.prepare<[string], CodeOfferRow>(`SELECT * FROM code_offers WHERE id = ?`),
    byState: db.prepare<[string], CodeOfferRow>(`SELECT * FROM code_offers WHERE issuer_state = ?`),
    list: db.prepare<{ before: number; limit: number }, CodeOfferRow>(
      `SELECT * FROM code_offers WHERE seq < @before ORDER BY seq DESC LIMIT @limit`,
    ),
    revoke: db.prepare<{ id: string; now: number }>(`UPDATE code_offers SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL`),
  };
}

export type CodeOfferStatements = ReturnType<typeof prepareCodeOfferStatements>;

const toRecord = (row: CodeOfferRow): CodeOfferRecord => ({
  id: row.id,
  credentials: parseJsonColumn(row.credentials, zIdList, 'code_offers.credentials'),
  issuerState: row.issuer_state,
  ...(row.request_parameters
    ? { requestParameters: parseJsonColumn(row.request_parameters, zRequestParameters, 'code_offers.request_parameters') }
    : {}),
  createdAt: row.created_at,
  ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
});

export class SqliteCodeOfferStore implements CodeOfferStore {
  constructor(
    private readonly s: CodeOfferStatements,
    private readonly exec: SqliteExec,
  ) {}

  insert(offer: CodeOfferRecord) {
    return this.exec.write(() => {
      this.s.insert.run({
        id: offer.id,
        credentials: JSON.stringify(offer.credentials),
        issuerState: offer.issuerState,
        requestParameters: offer.requestParameters ? JSON.stringify(offer.requestParameters) : null,
        createdAt: offer.createdAt,
      });
    });
  }

  get(id: string) {
    return this.exec.read(() => this.one(this.s.get.get(id)));
  }

  getByIssuerState(issuerState: string) {
    return this.exec.read(() => this.one(this.s.byState.get(issuerState)));
  }

  list(query: PageQuery) {
    return this.exec.read(() => paginate(query, (before, limit) => this.s.list.all({ before, limit }), toRecord));
  }

  revoke(id: string, now: number) {
    return this.exec.write(() => this.s.revoke.run({ id, now }).changes === 1);
  }

  private one(row: CodeOfferRow | undefined) {
    return row ? toRecord(row) : undefined;
  }
}
