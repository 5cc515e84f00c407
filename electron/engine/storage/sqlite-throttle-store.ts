import type { Database } from 'better-sqlite3';
import type { ThrottleStore, ThrottleWindow } from '../core/store';
import type { SqliteExec } from './sqlite-connection';

type Key = { scope: string; key: string };
type Window = { window_start: number; failures: number };

export function prepareThrottleStatements(db: Database) {
  return {
    // One statement: the upsert decides whether the window is still open, so no failure is lost.
    record: db.prepare<Key & { now: number; windowMs: number }, Window>(
      `INSERT INTO throttle_windows (scope, key, window_start, failures) VALUES (@scope, @key, @now, 1)
        ON CONFLICT (scope, key) DO UPDATE SET
          failures = CASE WHEN window_start > @now - @windowMs THEN failures + 1 ELSE 1 END,
          window_start = CASE WHEN window_start > @now - @windowMs THEN window_start ELSE @now END
        RETURNING window_start, failures`,
    ),
    current: db.prepare<Key & { since: number }, Window>(
      `SELECT window_start, failures FROM throttle_windows WHERE scope = @scope AND key = @key AND window_start > @since`,
    ),
    purge: db.prepare<[number]>(`DELETE FROM throttle_windows WHERE window_start <= ?`),
  };
}

export type ThrottleStatements = ReturnType<typeof prepareThrottleStatements>;

const toWindow = (row: Window): ThrottleWindow => ({ start: row.window_start, failures: row.failures });

export class SqliteThrottleStore implements ThrottleStore {
  constructor(
    private readonly s: ThrottleStatements,
    private readonly exec: SqliteExec,
  ) {}

  recordFailure(scope: string, key: string, now: number, windowMs: number) {
    return this.exec.write(() => toWindow(this.s.record.get({ scope, key, now, windowMs })!));
  }

  current(scope: string, key: string, now: number, windowMs: number) {
    return this.exec.read(() => {
      const row = this.s.current.get({ scope, key, since: now - windowMs });
      return row ? toWindow(row) : undefined;
    });
  }

  purgeEnded(now: number, windowMs: number) {
    return this.exec.write(() => this.s.purge.run(now - windowMs).changes);
  }
}
