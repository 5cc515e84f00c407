import { base64url, newSecret, sha256, type RandomSource } from '../util/secrets';

// DESIGN §6: the pre-authorized code, tx_code and offer reference exist in clear only in the
// response and the QR; the database holds their SHA-256 digests.

/** A by-reference offer's code is derived from its reference handle, so neither needs storing in clear. */
export const codeFromReference = (reference: string) => base64url(sha256(`counter:pre-authorized_code:${reference}`));

/** Bound to the code, so a leaked digest of a 6-digit tx_code cannot be brute-forced alone. */
export const txCodeHash = (preAuthorizedCode: string, txCode: string) => sha256(`${preAuthorizedCode}\u0000${txCode}`);

const TEXT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L: read aloud across a counter
export const TX_CODE_LENGTH = 6;

/** DESIGN §3: numeric codes have a non-zero first digit (they travel as JSON numbers). */
export function newTransactionCode(random: RandomSource, inputMode: 'numeric' | 'text'): string {
  if (inputMode === 'numeric') return String(random.int(10 ** (TX_CODE_LENGTH - 1), 10 ** TX_CODE_LENGTH));
  return Array.from({ length: TX_CODE_LENGTH }, () => TEXT_ALPHABET[random.int(0, TEXT_ALPHABET.length)]).join('');
}

export function newOfferSecrets(random: RandomSource, byReference: boolean): { code: string; reference?: string } {
  if (!byReference) return { code: newSecret(random) };
  const reference = newSecret(random);
  return { code: codeFromReference(reference), reference };
}
