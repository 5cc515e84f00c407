import type { NonceStore } from '../../core/store';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

const q = {
  insert: statement<[Uint8Array, number]>('nonces.insert', `INSERT INTO nonces (hash, expires_at) VALUES ($1, $2)`),
  // Deleting is the consumption: exactly one caller, in any process, sees a row change.
  consume: statement<[Uint8Array, number]>('nonces.consume', `DELETE FROM nonces WHERE hash = $1 AND expires_at > $2`),
  purge: statement<[number]>('nonces.purge', `DELETE FROM nonces WHERE expires_at <= $1`),
};

export class PgNonceStore implements NonceStore {
  constructor(private readonly exec: PgExec) {}

  async insert(hash: Uint8Array, expiresAt: number) {
    await this.exec.changes(q.insert, [hash, expiresAt]);
  }

  async consume(hash: Uint8Array, now: number) {
    return (await this.exec.changes(q.consume, [hash, now])) === 1;
  }

  purgeExpired(now: number) {
    return this.exec.changes(q.purge, [now]);
  }
}
