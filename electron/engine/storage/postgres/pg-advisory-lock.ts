import { createHash } from 'node:crypto';

/**
 * The 64-bit key of a named PostgreSQL advisory lock: the first 8 bytes of SHA-256 of the name,
 * so that names stay readable in code and cannot collide with another application's small integers.
 */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`counter:${name}`).digest().readBigInt64BE(0).toString();
}
