import type { Database, Statement } from 'better-sqlite3';
import type { EventStore, StoredEvent } from '../core/store';
import { decodeCursor, encodeCursor, parseJsonColumn } from './columns';

interface EventRow {
  seq: number;
  id: string;
  type: string;
  timestamp: number;
  request_id: string;
  request_ip: string;
  data: string;
}

export class SqliteEventStore implements EventStore {
  private readonly s: Record<'insert' | 'list' | 'listByType', Statement>;
  private readonly appendAll: (events: StoredEvent[]) => void;

  constructor(db: Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO events (id, type, timestamp, request_id, request_ip, data) VALUES (@id, @type, @timestamp, @requestId, @requestIp, @data)`,
      ),
      list: db.prepare(`SELECT * FROM events WHERE seq < @cursor ORDER BY seq DESC LIMIT @limit`),
      listByType: db.prepare(`SELECT * FROM events WHERE type = @type AND seq < @cursor ORDER BY seq DESC LIMIT @limit`),
    };
    this.appendAll = db.transaction((events: StoredEvent[]) => {
      for (const event of events) this.s.insert.run({ ...event, data: JSON.stringify(event.data) });
    });
  }

  async append(events: StoredEvent[]) {
    if (events.length > 0) this.appendAll(events);
  }

  async list(query: { type?: string; limit: number; cursor?: string }) {
    const params = { type: query.type, cursor: decodeCursor(query.cursor), limit: query.limit + 1 };
    const rows = (query.type ? this.s.listByType : this.s.list).all(params) as EventRow[];
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor(page.at(-1)!.seq) : undefined;
    return {
      events: page.map((row) => ({
        id: row.id,
        type: row.type,
        timestamp: row.timestamp,
        requestId: row.request_id,
        requestIp: row.request_ip,
        data: parseJsonColumn(row.data, 'events.data') as Record<string, unknown>,
      })),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}
