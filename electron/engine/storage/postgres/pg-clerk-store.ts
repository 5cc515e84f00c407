import type { ClerkRecord, ClerkSessionRecord, ClerkStore, NewClerk } from '../../core/store';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface ClerkRow {
  id: string;
  name: string;
  name_key: string;
  pin_hash: string;
  created_at: number;
  failed_attempts: number;
  locked_until: number | null;
}

const CLERK = `id, name, name_key, pin_hash, created_at, failed_attempts, locked_until`;

const q = {
  insert: statement<[string, string, string, string, number]>(
    'clerks.insert',
    `INSERT INTO clerks (id, name, name_key, pin_hash, created_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (name_key) WHERE removed_at IS NULL DO NOTHING`,
  ),
  list: statement<[], ClerkRow>('clerks.list', `SELECT ${CLERK} FROM clerks WHERE removed_at IS NULL ORDER BY name_key, id`),
  byId: statement<[string], ClerkRow>('clerks.by-id', `SELECT ${CLERK} FROM clerks WHERE id = $1 AND removed_at IS NULL`),
  byNameKey: statement<[string], ClerkRow>('clerks.by-name-key', `SELECT ${CLERK} FROM clerks WHERE name_key = $1 AND removed_at IS NULL`),
  setPin: statement<[string, string]>(
    'clerks.set-pin',
    `UPDATE clerks SET pin_hash = $2, failed_attempts = 0, locked_until = NULL WHERE id = $1 AND removed_at IS NULL`,
  ),
  remove: statement<[string, number]>('clerks.remove', `UPDATE clerks SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL`),
  endSessionsOf: statement<[string, number]>(
    'clerks.end-sessions-of',
    `UPDATE clerk_sessions SET ended_at = $2 WHERE clerk_id = $1 AND ended_at IS NULL`,
  ),
  // One statement: concurrent wrong PINs each count (the row lock orders them).
  failure: statement<[string, number, number], { failed_attempts: number; locked_until: number | null }>(
    'clerks.failure',
    `UPDATE clerks SET
      failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
      locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END
      WHERE id = $1 AND removed_at IS NULL RETURNING failed_attempts, locked_until`,
  ),
  success: statement<[string]>('clerks.success', `UPDATE clerks SET failed_attempts = 0 WHERE id = $1`),
  insertSession: statement<[Uint8Array, string, number, number]>(
    'clerks.insert-session',
    `INSERT INTO clerk_sessions (token_hash, clerk_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
  ),
  session: statement<
    [Uint8Array, number],
    ClerkRow & { token_hash: Buffer; clerk_id: string; session_created_at: number; expires_at: number }
  >(
    'clerks.session',
    `SELECT s.token_hash, s.clerk_id, s.created_at AS session_created_at, s.expires_at,
        c.id, c.name, c.name_key, c.pin_hash, c.created_at, c.failed_attempts, c.locked_until
      FROM clerk_sessions s JOIN clerks c ON c.id = s.clerk_id
      WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND c.removed_at IS NULL`,
  ),
  endSession: statement<[Uint8Array, number]>(
    'clerks.end-session',
    `UPDATE clerk_sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL AND expires_at > $2`,
  ),
  purgeSessions: statement<[number]>(
    'clerks.purge-sessions',
    `DELETE FROM clerk_sessions WHERE expires_at < $1 OR (ended_at IS NOT NULL AND ended_at < $1)`,
  ),
};

const toRecord = (row: ClerkRow): ClerkRecord => ({
  id: row.id,
  name: row.name,
  nameKey: row.name_key,
  pinHash: row.pin_hash,
  createdAt: row.created_at,
  failedAttempts: row.failed_attempts,
  ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }),
});

export class PgClerkStore implements ClerkStore {
  constructor(private readonly exec: PgExec) {}

  async insert(c: NewClerk) {
    return (await this.exec.changes(q.insert, [c.id, c.name, c.nameKey, c.pinHash, c.createdAt])) === 1;
  }

  async list() {
    return (await this.exec.rows(q.list, [])).map(toRecord);
  }

  async get(id: string) {
    const row = await this.exec.first(q.byId, [id]);
    return row ? toRecord(row) : undefined;
  }

  async findByNameKey(nameKey: string) {
    const row = await this.exec.first(q.byNameKey, [nameKey]);
    return row ? toRecord(row) : undefined;
  }

  async setPin(id: string, pinHash: string) {
    return (await this.exec.changes(q.setPin, [id, pinHash])) === 1;
  }

  remove(id: string, now: number) {
    return this.exec.atomic(async (tx) => {
      if ((await tx.changes(q.remove, [id, now])) !== 1) return false;
      await tx.changes(q.endSessionsOf, [id, now]);
      return true;
    });
  }

  async recordFailure(id: string, maxFailures: number, lockUntil: number) {
    const row = await this.exec.first(q.failure, [id, maxFailures, lockUntil]);
    if (!row) return undefined;
    return { failedAttempts: row.failed_attempts, ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }) };
  }

  async recordSuccess(id: string) {
    await this.exec.changes(q.success, [id]);
  }

  async insertSession(s: ClerkSessionRecord) {
    await this.exec.changes(q.insertSession, [s.hash, s.clerkId, s.createdAt, s.expiresAt]);
  }

  async findSession(hash: Uint8Array, now: number) {
    const row = await this.exec.first(q.session, [hash, now]);
    if (!row) return undefined;
    return {
      session: {
        hash: new Uint8Array(row.token_hash),
        clerkId: row.clerk_id,
        createdAt: row.session_created_at,
        expiresAt: row.expires_at,
      },
      clerk: toRecord(row),
    };
  }

  async endSession(hash: Uint8Array, now: number) {
    return (await this.exec.changes(q.endSession, [hash, now])) === 1;
  }

  purgeSessions(before: number) {
    return this.exec.changes(q.purgeSessions, [before]);
  }
}
