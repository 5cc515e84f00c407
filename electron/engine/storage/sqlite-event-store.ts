import type { Database } from 'better-sqlite3';
import type { EventStore, PageQuery, StoredEvent } from '../core/store';
import { parseJsonColumn, zJsonObject } from './columns';
import { paginate } from './paginate';
import type { SqliteExec } from './sqlite-connection';

interface EventRow {
  seq: number;
  id: string;
  type: string;
  timestamp: number;
  request_id: string;
  request_ip: string;
  data: string;
}

export function prepareEventStatements(db: Database) {
  return {
    insert: db.prepare<Omit<StoredEvent, 'data'> & { data: string }>(
      `INSERT INTO events (id, type, timestamp, request_id, request_ip, data) VALUES (@id, @type, @timestamp, @requestId, @requestIp, @data)`,
    ),
    list: db.prepare<{ before: number; limit: number }, EventRow>(
      `SELECT * FROM events WHERE seq < @before ORDER BY seq DESC LIMIT @limit`,
    ),
    listByType: db.prepare<{ type: string; before: number; limit: number }, EventRow>(
      `SELECT * FROM events WHERE type = @type AND seq < @before ORDER BY seq DESC LIMIT @limit`,
    ),
    // Events are appended in time order, so the oldest rows by seq are the oldest events.
    purgeBefore: db.prepare<{ before: number; limit: number }>(
      `DELETE FROM events WHERE seq IN (SELECT seq FROM events ORDER BY seq LIMIT @limit) AND timestamp < @before`,
    ),
  };
}

export type EventStatements = ReturnType<typeof prepareEventStatements>;

const toEvent = (row: EventRow): StoredEvent => ({
  id: row.id,
  type: row.type,
  timestamp: row.timestamp,
  requestId: row.request_id,
  requestIp: row.request_ip,
  data: parseJsonColumn(row.data, zJsonObject, 'events.data'),
});

export class SqliteEventStore implements EventStore {
  private readonly appendAll: (events: StoredEvent[]) => void;

  constructor(
    db: Database,
    private readonly s: EventStatements,
    private readonly exec: SqliteExec,
  ) {
    this.appendAll = db.transaction((events: StoredEvent[]) => {
      for (const event of events) s.insert.run({ ...event, data: JSON.stringify(event.data) });
    });
  }

  async append(events: StoredEvent[]) {
    if (events.length > 0) await this.exec.write(() => this.appendAll(events));
  }

  purgeBefore(before: number, limit: number) {
    return this.exec.write(() => this.s.purgeBefore.run({ before, limit }).changes);
  }

  list(query: PageQuery & { type?: string }) {
    const { type } = query;
    return this.exec.read(() =>
      paginate(
        query,
        (before, limit) => (type ? this.s.listByType.all({ type, before, limit }) : this.s.list.all({ before, limit })),
        toEvent,
      ),
    );
  }
}
