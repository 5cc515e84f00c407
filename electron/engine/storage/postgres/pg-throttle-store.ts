import type { ThrottleStore, ThrottleWindow } from '../../core/store';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

type Window = { window_start: number; failures: number };

const q = {
  // One statement: the upsert locks the key's row and decides whether its window is still open,
  // so concurrent failures from several processes are all counted (DESIGN §13).
  record: statement<[string, string, number, number], Window>(
    'throttles.record',
    `INSERT INTO throttle_windows AS w (scope, key, window_start, failures) VALUES ($1, $2, $3, 1)
      ON CONFLICT (scope, key) DO UPDATE SET
        failures = CASE WHEN w.window_start > $3 - $4 THEN w.failures + 1 ELSE 1 END,
        window_start = CASE WHEN w.window_start > $3 - $4 THEN w.window_start ELSE $3 END
      RETURNING window_start, failures`,
  ),
  current: statement<[string, string, number], Window>(
    'throttles.current',
    `SELECT window_start, failures FROM throttle_windows WHERE scope = $1 AND key = $2 AND window_start > $3`,
  ),
  purge: statement<[number]>('throttles.purge', `DELETE FROM throttle_windows WHERE window_start <= $1`),
};

const toWindow = (row: Window): ThrottleWindow => ({ start: row.window_start, failures: row.failures });

export class PgThrottleStore implements ThrottleStore {
  constructor(private readonly exec: PgExec) {}

  async recordFailure(scope: string, key: string, now: number, windowMs: number) {
    return toWindow((await this.exec.first(q.record, [scope, key, now, windowMs]))!);
  }

  async current(scope: string, key: string, now: number, windowMs: number) {
    const row = await this.exec.first(q.current, [scope, key, now - windowMs]);
    return row ? toWindow(row) : undefined;
  }

  purgeEnded(now: number, windowMs: number) {
    return this.exec.changes(q.purge, [now - windowMs]);
  }
}
