import { createHmac } from 'node:crypto';

const ROUNDS = 8;

/**
 * A keyed permutation of [0, size): position → status index. The n-th credential of a list gets
 * index permute(n), so indices are handed out in an order nobody without the list's key can tell
 * from drawing each one uniformly at random among the unused ones (IETF Token Status List §12.2
 * herd privacy; §11.4 no double allocation), while allocation itself is one counter in the
 * database that every process on it increments atomically (DESIGN §13).
 *
 * A balanced Feistel network over the smallest even-width power of two ≥ size, with HMAC-SHA256
 * round functions, and cycle walking for sizes in between (Black & Rogaway, "Ciphers with arbitrary
 * finite domains", 2002): every position maps to a distinct index inside [0, size).
 */
export function permuteIndex(key: Uint8Array, size: number, position: number): number {
  if (!Number.isSafeInteger(size) || size < 2) throw new Error(`a permutation needs at least 2 entries, got ${size}`);
  if (!Number.isInteger(position) || position < 0 || position >= size) throw new Error(`position ${position} is outside [0, ${size})`);
  const halfBits = Math.ceil(Math.ceil(Math.log2(size)) / 2);
  let value = position;
  do value = feistel(key, halfBits, value);
  while (value >= size);
  return value;
}

function feistel(key: Uint8Array, halfBits: number, value: number): number {
  const mask = 2 ** halfBits - 1;
  let left = Math.floor(value / 2 ** halfBits);
  let right = value & mask;
  const input = Buffer.alloc(5);
  for (let round = 0; round < ROUNDS; round += 1) {
    input.writeUInt8(round, 0);
    input.writeUInt32BE(right, 1);
    const f = createHmac('sha256', key).update(input).digest().readUInt32BE(0) & mask;
    [left, right] = [right, (left ^ f) & mask];
  }
  return left * 2 ** halfBits + right;
}
