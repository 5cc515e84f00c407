import { StatusList } from '@sd-jwt/jwt-status-list';

/** The one status value this kiosk sets besides 0x00 VALID (IETF Token Status List §7.1: 0x01 INVALID). */
export const STATUS_INVALID = 1;
/** DESIGN §11: one bit per credential (valid or invalid). */
export const STATUS_BITS = 1;

/**
 * The Status List's `lst` (IETF Token Status List §4.1): one bit per index, packed from the least
 * significant bit, then DEFLATE in the ZLIB format at the highest level. The packing and the
 * compression are @sd-jwt/jwt-status-list's; it hands the compressed bytes out as base64url (its
 * JWT form), which the CBOR form carries as a byte string instead (§4.3).
 */
export function compressedStatusList(size: number, invalid: Iterable<number>): Uint8Array {
  if (!Number.isSafeInteger(size) || size <= 0 || size % 8 !== 0)
    throw new Error(`a status list size must be a positive multiple of 8, got ${size}`);
  const statuses = new Array<number>(size).fill(0);
  for (const index of invalid) {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new Error(`status index ${index} is outside the list (size ${size})`);
    statuses[index] = STATUS_INVALID;
  }
  return new Uint8Array(Buffer.from(new StatusList(statuses, STATUS_BITS).compressStatusList(), 'base64url'));
}
