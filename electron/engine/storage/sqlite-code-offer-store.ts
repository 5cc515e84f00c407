import type { Database, Statement } from 'better-sqlite3';
import type { CodeOfferRecord, CodeOfferStore } from '../core/store';
import { parseJsonColumn } from './columns';

interface CodeOfferRow {
  id: string;
  credentials: string;
  issuer_state: string;
  request_parameters: string | null;
  created_at: number;
  revoked_at: number | null;
}

const toRecord = (row: CodeOfferRow): CodeOfferRecord => ({
  id: row.id,
  credentials: parseJsonColumn(row.credentials, 'code_offers.credentials') as string[],
  issuerState: row.issuer_state,
  ...(row.request_parameters
    ? {
        requestParameters: parseJsonColumn(
          row.request_parameters,
          'code_offers.request_parameters',
        ) as CodeOfferRecord['requestParameters'],
      }
    : {}),
  createdAt: row.created_at,
  ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
});

export class SqliteCodeOfferStore implements CodeOfferStore {
  private readonly s: Record<'insert' | 'get' | 'byState' | 'list' | 'revoke' | 'rejectPending', Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO code_offers (id, credentials, issuer_state, request_parameters, created_at) VALUES (@id, @credentials, @issuerState, @requestParameters, @createdAt)`,
      ),
      get: db.prepare(`SELECT * FROM code_offers WHERE id = ?`),
      byState: db.prepare(`SELECT * FROM code_offers WHERE issuer_state = ?`),
      list: db.prepare(`SELECT * FROM code_offers ORDER BY seq DESC`),
      revoke: db.prepare(`UPDATE code_offers SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL`),
      rejectPending: db.prepare(
        `UPDATE authorizations SET status = 'rejected', decided_at = @now WHERE code_offer_id = @id AND status = 'pending'`,
      ),
    };
  }

  async insert(offer: CodeOfferRecord) {
    this.s.insert.run({
      id: offer.id,
      credentials: JSON.stringify(offer.credentials),
      issuerState: offer.issuerState,
      requestParameters: offer.requestParameters ? JSON.stringify(offer.requestParameters) : null,
      createdAt: offer.createdAt,
    });
  }

  async get(id: string) {
    const row = this.s.get.get(id) as CodeOfferRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async getByIssuerState(issuerState: string) {
    const row = this.s.byState.get(issuerState) as CodeOfferRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async list() {
    return (this.s.list.all() as CodeOfferRow[]).map(toRecord);
  }

  async revoke(id: string, now: number) {
    return this.db.transaction(() => {
      if (this.s.revoke.run({ id, now }).changes === 0) return false;
      this.s.rejectPending.run({ id, now });
      return true;
    })();
  }
}
