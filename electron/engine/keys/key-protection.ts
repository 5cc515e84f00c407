import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

/**
 * Encrypts the issuer's private keys at rest (DESIGN §6). `seal` gets a PKCS#8 DER private
 * key and returns opaque bytes; `open` reverses it and throws when it cannot (wrong passphrase,
 * another machine or OS user). Electron's main process builds one on `safeStorage`; headless
 * Counter uses `passphraseProtection`. The engine never sees how either works.
 */
export interface KeyProtection {
  /** Written into every sealed file, so that a start can say what a file needs: e.g. "passphrase". */
  readonly name: string;
  seal(plain: Uint8Array): Promise<Uint8Array> | Uint8Array;
  open(sealed: Uint8Array): Promise<Uint8Array> | Uint8Array;
}

export const PASSPHRASE_PROTECTION = 'passphrase';
/** The name Electron's main process gives its `safeStorage` protection. */
export const SAFE_STORAGE_PROTECTION = 'electron-safe-storage';
/** Where the headless host reads the passphrase from (DESIGN §2 style). */
export const KEY_PASSPHRASE_ENV = 'COUNTER_KEY_PASSPHRASE';

/** What an operator has to do to open a file sealed with `name`. */
export function protectionHint(name: string): string {
  if (name === PASSPHRASE_PROTECTION) return `set ${KEY_PASSPHRASE_ENV}`;
  if (name === SAFE_STORAGE_PROTECTION) return "only Counter's desktop app, run by the same OS user on this machine, can open it";
  return `start Counter with the "${name}" key protection`;
}

export interface PassphraseOptions {
  /** scrypt cost as log2(N); r = 8, p = 1. Default 17 (OWASP's scrypt minimum). Lower only in tests. */
  log2N?: number;
}

// Envelope v1: "CKP" 0x01 | log2N | r | p | salt(16) | iv(12) | AES-256-GCM ciphertext | tag(16).
// Everything before the ciphertext is the GCM additional data, so its parameters cannot be swapped.
const MAGIC = [0x43, 0x4b, 0x50, 0x01];
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 3 + SALT_BYTES + IV_BYTES;
const R = 8;
const P = 1;
const MIN_LOG2N = 14;
const MAX_LOG2N = 20;
// scrypt needs about 128·N·r bytes: cap what a tampered file can make us allocate.
const MAX_SCRYPT_BYTES = 2 ** 30;
const scryptBytes = (log2N: number, r: number) => 128 * 2 ** log2N * r;

/**
 * Headless protection: the key sealed under a passphrase with scrypt + AES-256-GCM.
 *
 * Why not encrypted PKCS#8 (`KeyObject.export({ cipher: 'aes-256-cbc', passphrase })`)? Node gives no
 * control over its KDF, and OpenSSL 3 then uses PBKDF2 with 2,048 iterations, cheap to brute-force
 * on a GPU for the kind of passphrase kept in an environment variable; scrypt is memory-hard and its
 * cost is recorded in the file so it can be raised later. GCM also authenticates: a wrong passphrase
 * is always reported as such, never as a garbled key. And one file format then serves every
 * protection, Electron's `safeStorage` included. The price: OpenSSL cannot read the file directly.
 *
 * One derived key per instance and per salt: sealing both keys and reading them back costs one
 * scrypt run (about 0.7 s at the default cost on a 2-core machine), not four.
 */
export function passphraseProtection(passphrase: string, options: PassphraseOptions = {}): KeyProtection {
  if (passphrase.length === 0) throw new Error(`The key passphrase (${KEY_PASSPHRASE_ENV}) is empty`);
  const log2N = options.log2N ?? 17;
  if (!Number.isInteger(log2N) || log2N < MIN_LOG2N || log2N > MAX_LOG2N) {
    throw new Error(`scrypt log2N must be an integer from ${MIN_LOG2N} to ${MAX_LOG2N}`);
  }
  // NFC, so that the same passphrase typed on another keyboard or OS derives the same key.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  const derived = new Map<string, Promise<Buffer>>();
  const keyFor = (salt: Buffer, n: number, r: number, p: number): Promise<Buffer> => {
    const id = `${salt.toString('hex')}:${n}:${r}:${p}`;
    let key = derived.get(id);
    if (!key) {
      key = scryptAsync(secret, salt, { N: 2 ** n, r, p, maxmem: 2 * scryptBytes(n, r) });
      derived.set(id, key);
      key.catch(() => derived.delete(id));
    }
    return key;
  };
  const sealSalt = randomBytes(SALT_BYTES);

  return {
    name: PASSPHRASE_PROTECTION,
    async seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const header = Buffer.concat([Buffer.from(MAGIC), Buffer.from([log2N, R, P]), sealSalt, iv]);
      const cipher = createCipheriv('aes-256-gcm', await keyFor(sealSalt, log2N, R, P), iv);
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([header, body, cipher.getAuthTag()]));
    },
    async open(sealed) {
      const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (bytes.length <= HEADER_BYTES + TAG_BYTES || !MAGIC.every((b, i) => bytes[i] === b)) {
        throw new Error('not a passphrase-sealed key (unknown or truncated envelope)');
      }
      const [n, r, p] = [bytes[4]!, bytes[5]!, bytes[6]!];
      if (n < MIN_LOG2N || n > MAX_LOG2N || r < 1 || p < 1 || p > 4 || scryptBytes(n, r) > MAX_SCRYPT_BYTES) {
        throw new Error('not a passphrase-sealed key (scrypt parameters out of range)');
      }
      const salt = bytes.subarray(7, 7 + SALT_BYTES);
      const iv = bytes.subarray(7 + SALT_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', await keyFor(Buffer.from(salt), n, r, p), iv);
      decipher.setAAD(bytes.subarray(0, HEADER_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
      } catch {
        throw new Error(`wrong passphrase (${KEY_PASSPHRASE_ENV}), or the file was altered`);
      }
    },
  };
}

function scryptAsync(secret: Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}
