import type { RandomSource } from '../util/secrets';

/**
 * RFC 9562 §5.7 UUIDv7: a 48-bit Unix millisecond timestamp, then random bits. Issued credential
 * ids are time-ordered so that their index appends instead of touching a random page per insert.
 */
export function uuidV7(now: number, random: RandomSource): string {
  const bytes = random.bytes(16);
  let ms = Math.floor(now);
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
