import type { Database } from 'better-sqlite3';
import type { NonceStore } from '../core/store';
import type { SqliteExec } from './sqlite-connection';

export function prepareNonceStatements(db: Database) {
  return {
    insert: db.prepare<[Uint8Array, number]>(`INSERT INTO nonces (hash, expires_at) VALUES (?, ?)`),
    // Deleting is the consumption: exactly one caller sees changes === 1.
    consume: db.prepare<[Uint8Array, number]>(`DELETE FROM nonces WHERE hash = ? AND expires_at > ?`),
    purge: db.prepare<[number]>(`DELETE FROM nonces WHERE expires_at <= ?`),
  };
}

export type NonceStatements = ReturnType<typeof prepareNonceStatements>;

export class SqliteNonceStore implements NonceStore {
  constructor(
    private readonly s: NonceStatements,
    private readonly exec: SqliteExec,
  ) {}

  insert(hash: Uint8Array, expiresAt: number) {
    return this.exec.write(() => void this.s.insert.run(hash, expiresAt));
  }

  consume(hash: Uint8Array, now: number) {
    return this.exec.write(() => this.s.consume.run(hash, now).changes === 1);
  }

  purgeExpired(now: number) {
    return this.exec.write(() => this.s.purge.run(now).changes);
  }
}
