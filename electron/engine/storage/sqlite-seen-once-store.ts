import type { Database } from 'better-sqlite3';
import type { SeenOnceStore } from '../core/store';
import type { SqliteExec } from './sqlite-connection';

export function prepareSeenOnceStatements(db: Database) {
  return {
    // Inserted, or an expired entry taken over: a row comes back. Still alive: nothing does.
    sight: db.prepare<{ scope: string; hash: Uint8Array; expiresAt: number; now: number }, { seen: 1 }>(
      `INSERT INTO seen_once (scope, hash, expires_at) VALUES (@scope, @hash, @expiresAt)
        ON CONFLICT (scope, hash) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_once.expires_at <= @now
        RETURNING 1 AS seen`,
    ),
    purge: db.prepare<[number]>(`DELETE FROM seen_once WHERE expires_at <= ?`),
  };
}

export type SeenOnceStatements = ReturnType<typeof prepareSeenOnceStatements>;

export class SqliteSeenOnceStore implements SeenOnceStore {
  constructor(
    private readonly s: SeenOnceStatements,
    private readonly exec: SqliteExec,
  ) {}

  firstSight(scope: string, hash: Uint8Array, expiresAt: number, now: number) {
    return this.exec.write(() => this.s.sight.get({ scope, hash, expiresAt, now }) !== undefined);
  }

  purgeExpired(now: number) {
    return this.exec.write(() => this.s.purge.run(now).changes);
  }
}
