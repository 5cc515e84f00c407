import type { Database, Statement } from 'better-sqlite3';
import type { NonceStore } from '../core/store';

export class SqliteNonceStore implements NonceStore {
  private readonly s: Record<'insert' | 'consume' | 'purge', Statement>;

  constructor(db: Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO nonces (hash, expires_at) VALUES (?, ?)`),
      // Deleting is the consumption: exactly one caller sees changes === 1.
      consume: db.prepare(`DELETE FROM nonces WHERE hash = ? AND expires_at > ?`),
      purge: db.prepare(`DELETE FROM nonces WHERE expires_at <= ?`),
    };
  }

  async insert(hash: Uint8Array, expiresAt: number) {
    this.s.insert.run(hash, expiresAt);
  }

  async consume(hash: Uint8Array, now: number) {
    return this.s.consume.run(hash, now).changes === 1;
  }

  async purgeExpired(now: number) {
    return this.s.purge.run(now).changes;
  }
}
