import { z } from 'zod';
import type { CodeOfferRecord, CodeOfferStore, PageQuery } from '../../core/store';
import { parseJsonValue, zIdList } from '../columns';
import { paginate } from '../paginate';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface CodeOfferRow {
  seq: number;
  id: string;
  credentials: unknown;
  issuer_state: string;
  request_parameters: unknown;
  created_at: number;
  revoked_at: number | null;
}

const zRequestParameters = z.object({ login_hint: z.string().optional(), prompt: z.string().optional() });
const COLUMNS = `seq, id, credentials, issuer_state, request_parameters, created_at, revoked_at`;

const q = {
  insert: statement<[string, string, string, string | null, number]>(
    'code-offers.insert',
    `INSERT INTO code_offers (id, credentials, issuer_state, request_parameters, created_at) VALUES ($1, $2, $3, $4, $5)`,
  ),
  get: statement<[string], CodeOfferRow>('code-offers.get', `SELECT ${COLUMNS} FROM code_offers WHERE id = $1`),
  byState: statement<[string], CodeOfferRow>('code-offers.by-state', `SELECT ${COLUMNS} FROM code_offers WHERE issuer_state = $1`),
  list: statement<[number, number], CodeOfferRow>(
    'code-offers.list',
    `SELECT ${COLUMNS} FROM code_offers WHERE seq < $1 ORDER BY seq DESC LIMIT $2`,
  ),
  revoke: statement<[string, number]>('code-offers.revoke', `UPDATE code_offers SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`),
};

const toRecord = (row: CodeOfferRow): CodeOfferRecord => ({
  id: row.id,
  credentials: parseJsonValue(row.credentials, zIdList, 'code_offers.credentials'),
  issuerState: row.issuer_state,
  ...(row.request_parameters !== null
    ? { requestParameters: parseJsonValue(row.request_parameters, zRequestParameters, 'code_offers.request_parameters') }
    : {}),
  createdAt: row.created_at,
  ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
});

export class PgCodeOfferStore implements CodeOfferStore {
  constructor(private readonly exec: PgExec) {}

  async insert(offer: CodeOfferRecord) {
    await this.exec.changes(q.insert, [
      offer.id,
      JSON.stringify(offer.credentials),
      offer.issuerState,
      offer.requestParameters ? JSON.stringify(offer.requestParameters) : null,
      offer.createdAt,
    ]);
  }

  async get(id: string) {
    const row = await this.exec.first(q.get, [id]);
    return row ? toRecord(row) : undefined;
  }

  async getByIssuerState(issuerState: string) {
    const row = await this.exec.first(q.byState, [issuerState]);
    return row ? toRecord(row) : undefined;
  }

  async list(query: PageQuery) {
    return paginate(query, (before, limit) => this.exec.rows(q.list, [before, limit]), toRecord);
  }

  async revoke(id: string, now: number) {
    return (await this.exec.changes(q.revoke, [id, now])) === 1;
  }
}
