import type { EventStore, PageQuery, StoredEvent } from '../../core/store';
import { parseJsonValue, zJsonObject } from '../columns';
import { paginate } from '../paginate';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface EventRow {
  seq: number;
  id: string;
  type: string;
  timestamp: number;
  request_id: string;
  request_ip: string;
  data: unknown;
}

const COLUMNS = `seq, id, type, timestamp, request_id, request_ip, data`;

const q = {
  // A whole group commit (core/events/event-log.ts) in one statement, in order.
  insert: statement<[string[], string[], number[], string[], string[], string[]]>(
    'events.insert',
    `INSERT INTO events (id, type, timestamp, request_id, request_ip, data)
      SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])`,
  ),
  // Events are appended in time order, so the oldest rows by seq are the oldest events.
  purgeBefore: statement<[number, number]>(
    'events.purge-before',
    `DELETE FROM events WHERE seq IN (SELECT seq FROM events ORDER BY seq LIMIT $2) AND timestamp < $1`,
  ),
  list: statement<[number, number], EventRow>('events.list', `SELECT ${COLUMNS} FROM events WHERE seq < $1 ORDER BY seq DESC LIMIT $2`),
  listByType: statement<[string, number, number], EventRow>(
    'events.list-by-type',
    `SELECT ${COLUMNS} FROM events WHERE type = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
  ),
};

const toEvent = (row: EventRow): StoredEvent => ({
  id: row.id,
  type: row.type,
  timestamp: row.timestamp,
  requestId: row.request_id,
  requestIp: row.request_ip,
  data: parseJsonValue(row.data, zJsonObject, 'events.data'),
});

export class PgEventStore implements EventStore {
  constructor(private readonly exec: PgExec) {}

  async append(events: StoredEvent[]) {
    if (events.length === 0) return;
    await this.exec.changes(q.insert, [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.timestamp),
      events.map((e) => e.requestId),
      events.map((e) => e.requestIp),
      events.map((e) => JSON.stringify(e.data)),
    ]);
  }

  purgeBefore(before: number, limit: number) {
    return this.exec.changes(q.purgeBefore, [before, limit]);
  }

  async list(query: PageQuery & { type?: string }) {
    const { type } = query;
    return paginate(
      query,
      (before, limit) => (type ? this.exec.rows(q.listByType, [type, before, limit]) : this.exec.rows(q.list, [before, limit])),
      toEvent,
    );
  }
}
