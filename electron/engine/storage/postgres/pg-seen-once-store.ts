import type { SeenOnceStore } from '../../core/store';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

const q = {
  // Inserted, or an expired entry taken over: a row comes back. Still alive: nothing does.
  sight: statement<[string, Uint8Array, number, number], { seen: number }>(
    'seen-once.sight',
    `INSERT INTO seen_once AS s (scope, hash, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (scope, hash) DO UPDATE SET expires_at = excluded.expires_at WHERE s.expires_at <= $4
      RETURNING 1 AS seen`,
  ),
  purge: statement<[number]>('seen-once.purge', `DELETE FROM seen_once WHERE expires_at <= $1`),
};

export class PgSeenOnceStore implements SeenOnceStore {
  constructor(private readonly exec: PgExec) {}

  async firstSight(scope: string, hash: Uint8Array, expiresAt: number, now: number) {
    return (await this.exec.first(q.sight, [scope, hash, expiresAt, now])) !== undefined;
  }

  purgeExpired(now: number) {
    return this.exec.changes(q.purge, [now]);
  }
}
