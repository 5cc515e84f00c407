import { scrypt, timingSafeEqual } from 'node:crypto';
import type { RandomSource } from '../util/secrets';

// PINs are short, so they are hashed with a slow, memory-hard KDF (scrypt, RFC 7914) and a salt of
// their own; with the per-clerk lockout and the per-address throttle, guessing stays hopeless even
// for someone who copies the database (DESIGN §6: secrets never in clear).
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** "scrypt$N$r$p$salt$hash", salt and hash base64url. */
export async function hashPin(pin: string, random: RandomSource): Promise<string> {
  const salt = Buffer.from(random.bytes(16));
  const key = await derive(pin, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(pin, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// A hash no PIN matches, checked for a name that is no clerk's: both answers take the same time.
const NOBODY = 'scrypt$16384$8$1$xgVZpt6gIBo_D8YKopRiFQ$cAsRdGFdiVxz2bixvC9_BEQk10FahGIGveduczTI0yQ';

/** Spends the time of a real check, so that the answer does not tell whether the name exists. */
export async function verifyNobody(pin: string): Promise<false> {
  await verifyPin(pin, NOBODY);
  return false;
}
