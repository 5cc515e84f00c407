import type { Database } from 'better-sqlite3';
import type { ClerkRecord, ClerkSessionRecord, ClerkStore, NewClerk } from '../core/store';
import type { SqliteExec } from './sqlite-connection';

interface ClerkRow {
  id: string;
  name: string;
  name_key: string;
  pin_hash: string;
  created_at: number;
  failed_attempts: number;
  locked_until: number | null;
}

interface SessionRow {
  token_hash: Buffer;
  clerk_id: string;
  created_at: number;
  expires_at: number;
}

const CLERK = `id, name, name_key, pin_hash, created_at, failed_attempts, locked_until`;

export function prepareClerkStatements(db: Database) {
  return {
    insert: db.prepare<NewClerk>(
      `INSERT INTO clerks (id, name, name_key, pin_hash, created_at) VALUES (@id, @name, @nameKey, @pinHash, @createdAt)
        ON CONFLICT (name_key) WHERE removed_at IS NULL DO NOTHING`,
    ),
    list: db.prepare<[], ClerkRow>(`SELECT ${CLERK} FROM clerks WHERE removed_at IS NULL ORDER BY name_key, id`),
    byId: db.prepare<[string], ClerkRow>(`SELECT ${CLERK} FROM clerks WHERE id = ? AND removed_at IS NULL`),
    byNameKey: db.prepare<[string], ClerkRow>(`SELECT ${CLERK} FROM clerks WHERE name_key = ? AND removed_at IS NULL`),
    setPin: db.prepare<{ id: string; pinHash: string }>(
      `UPDATE clerks SET pin_hash = @pinHash, failed_attempts = 0, locked_until = NULL WHERE id = @id AND removed_at IS NULL`,
    ),
    remove: db.prepare<{ id: string; now: number }>(`UPDATE clerks SET removed_at = @now WHERE id = @id AND removed_at IS NULL`),
    endSessionsOf: db.prepare<{ id: string; now: number }>(
      `UPDATE clerk_sessions SET ended_at = @now WHERE clerk_id = @id AND ended_at IS NULL`,
    ),
    failure: db.prepare<{ id: string; max: number; lockUntil: number }, { failed_attempts: number; locked_until: number | null }>(
      `UPDATE clerks SET
        failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END,
        locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @lockUntil ELSE locked_until END
        WHERE id = @id AND removed_at IS NULL RETURNING failed_attempts, locked_until`,
    ),
    success: db.prepare<[string]>(`UPDATE clerks SET failed_attempts = 0 WHERE id = ?`),
    insertSession: db.prepare<ClerkSessionRecord>(
      `INSERT INTO clerk_sessions (token_hash, clerk_id, created_at, expires_at) VALUES (@hash, @clerkId, @createdAt, @expiresAt)`,
    ),
    session: db.prepare<{ hash: Uint8Array; now: number }, SessionRow & ClerkRow>(
      `SELECT s.token_hash, s.clerk_id, s.created_at AS created_at, s.expires_at, c.id, c.name, c.name_key, c.pin_hash,
          c.created_at AS clerk_created_at, c.failed_attempts, c.locked_until
        FROM clerk_sessions s JOIN clerks c ON c.id = s.clerk_id
        WHERE s.token_hash = @hash AND s.ended_at IS NULL AND s.expires_at > @now AND c.removed_at IS NULL`,
    ),
    endSession: db.prepare<{ hash: Uint8Array; now: number }>(
      `UPDATE clerk_sessions SET ended_at = @now WHERE token_hash = @hash AND ended_at IS NULL AND expires_at > @now`,
    ),
    purgeSessions: db.prepare<{ before: number }>(
      `DELETE FROM clerk_sessions WHERE expires_at < @before OR (ended_at IS NOT NULL AND ended_at < @before)`,
    ),
  };
}

export type ClerkStatements = ReturnType<typeof prepareClerkStatements>;

const toRecord = (row: ClerkRow): ClerkRecord => ({
  id: row.id,
  name: row.name,
  nameKey: row.name_key,
  pinHash: row.pin_hash,
  createdAt: row.created_at,
  failedAttempts: row.failed_attempts,
  ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }),
});

/** Clerks are a few dozen per branch, listed whole (no pages). */
export class SqliteClerkStore implements ClerkStore {
  private readonly removeAll: (id: string, now: number) => boolean;

  constructor(
    db: Database,
    private readonly s: ClerkStatements,
    private readonly exec: SqliteExec,
  ) {
    this.removeAll = db.transaction((id: string, now: number) => {
      if (s.remove.run({ id, now }).changes !== 1) return false;
      s.endSessionsOf.run({ id, now });
      return true;
    });
  }

  insert(clerk: NewClerk) {
    return this.exec.write(() => this.s.insert.run(clerk).changes === 1);
  }

  list() {
    return this.exec.read(() => this.s.list.all().map(toRecord));
  }

  get(id: string) {
    return this.exec.read(() => {
      const row = this.s.byId.get(id);
      return row ? toRecord(row) : undefined;
    });
  }

  findByNameKey(nameKey: string) {
    return this.exec.read(() => {
      const row = this.s.byNameKey.get(nameKey);
      return row ? toRecord(row) : undefined;
    });
  }

  setPin(id: string, pinHash: string) {
    return this.exec.write(() => this.s.setPin.run({ id, pinHash }).changes === 1);
  }

  remove(id: string, now: number) {
    return this.exec.write(() => this.removeAll(id, now));
  }

  recordFailure(id: string, maxFailures: number, lockUntil: number) {
    return this.exec.write(() => {
      const row = this.s.failure.get({ id, max: maxFailures, lockUntil });
      if (!row) return undefined;
      return { failedAttempts: row.failed_attempts, ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }) };
    });
  }

  recordSuccess(id: string) {
    return this.exec.write(() => void this.s.success.run(id));
  }

  insertSession(session: ClerkSessionRecord) {
    return this.exec.write(() => void this.s.insertSession.run(session));
  }

  findSession(hash: Uint8Array, now: number) {
    return this.exec.read(() => {
      const row = this.s.session.get({ hash, now }) as (SessionRow & ClerkRow & { clerk_created_at: number }) | undefined;
      if (!row) return undefined;
      return {
        session: { hash: new Uint8Array(row.token_hash), clerkId: row.clerk_id, createdAt: row.created_at, expiresAt: row.expires_at },
        clerk: toRecord({ ...row, created_at: row.clerk_created_at }),
      };
    });
  }

  endSession(hash: Uint8Array, now: number) {
    return this.exec.write(() => this.s.endSession.run({ hash, now }).changes === 1);
  }

  purgeSessions(before: number) {
    return this.exec.write(() => this.s.purgeSessions.run({ before }).changes);
  }
}
