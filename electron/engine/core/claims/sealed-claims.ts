import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import type { RandomSource } from '../util/secrets';

// DESIGN §9: the holder's data is stored only encrypted, under a key the engine cannot rebuild
// once the wallet's secret is gone: the pre-authorized code, then the access token (re-sealed at
// the token endpoint), or, for an approval made before any code exists, an X25519 public key
// derived from the authorization code (HPKE, RFC 9180). Ciphertext left in WAL frames or free
// pages is then undecryptable after the flow, whatever secure_delete and checkpoints miss.

/** Which wallet-side secret a sealed record is opened with. */
export type ClaimsSecret = 'pre-authorized_code' | 'access_token' | 'authorization_code';

const LABEL = 'counter/claims/v1';
const SYMMETRIC = 1;
const HPKE = 2;
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs, here random and used once per key
const TAG_BYTES = 16;

// RFC 9180 §7: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, base mode.
const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

const context = (secret: ClaimsSecret, offerId: string) => Buffer.from(`${LABEL}\u0000${secret}\u0000${offerId}`);
const bytes = (view: ArrayBuffer | Uint8Array) => (view instanceof Uint8Array ? view : new Uint8Array(view));
const arrayBuffer = (view: Uint8Array) => view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;

/**
 * HKDF-SHA256 (RFC 5869 §2.2–2.3) for one output block (L ≤ 32), written out with HMAC because
 * node's hkdfSync costs several times more per call (it looks the KDF up every time), and this
 * runs four times per issuance.
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length = 32): Buffer {
  if (length > 32) throw new RangeError('one HKDF-SHA256 block is 32 bytes');
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk).update(info).update(Buffer.of(1)).digest().subarray(0, length);
}

const SALT = Buffer.from(LABEL);

/** A 256-bit key for this offer and secret; the secrets are ≥ 256-bit random values. */
function deriveKey(secret: ClaimsSecret, value: string, offerId: string): Buffer {
  return hkdfSha256(Buffer.from(value), SALT, context(secret, offerId));
}

export class ClaimsUnreadableError extends Error {
  constructor(offerId: string) {
    super(`the holder's data of offer ${offerId} cannot be decrypted with this secret`);
    this.name = 'ClaimsUnreadableError';
  }
}

/** The claims as bytes, as sealed and opened (JSON). */
export const encodeClaims = (claims: Record<string, unknown>) => Buffer.from(JSON.stringify(claims));
export const decodeClaims = (plaintext: Uint8Array): Record<string, unknown> => JSON.parse(Buffer.from(plaintext).toString('utf8'));

/** AES-256-GCM: [1][iv 12][ciphertext][tag 16], bound to the offer and the secret's role. */
export function sealWithSecret(
  plaintext: Uint8Array,
  secret: ClaimsSecret,
  value: string,
  offerId: string,
  random: RandomSource,
): Uint8Array {
  const iv = random.bytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, value, offerId), iv);
  cipher.setAAD(context(secret, offerId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(SYMMETRIC), iv, body, cipher.getAuthTag()]);
}

/** Opens a record sealed by sealWithSecret, or (for `authorization_code`) by sealToCodeHolder. */
export async function openWithSecret(sealed: Uint8Array, secret: ClaimsSecret, value: string, offerId: string): Promise<Uint8Array> {
  try {
    if (sealed[0] === HPKE && secret === 'authorization_code') return await openHpke(sealed, value, offerId);
    if (sealed[0] !== SYMMETRIC || sealed.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unknown format');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, value, offerId), iv);
    decipher.setAAD(context(secret, offerId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ClaimsUnreadableError(offerId);
  }
}

/** RFC 9180 §7.1.3 DeriveKeyPair from the authorization code: the engine keeps only the public key. */
async function codeKeyPair(code: string, offerId: string): Promise<CryptoKeyPair> {
  return suite.kem.deriveKeyPair(arrayBuffer(deriveKey('authorization_code', code, offerId)));
}

/** The X25519 public key (32 bytes) that approvals for this authorization are sealed to. */
export async function codeHolderPublicKey(code: string, offerId: string): Promise<Uint8Array> {
  return bytes(await suite.kem.serializePublicKey((await codeKeyPair(code, offerId)).publicKey));
}

/** HPKE base mode to the code holder's key: [2][enc 32][ciphertext + tag]. */
export async function sealToCodeHolder(plaintext: Uint8Array, publicKey: Uint8Array, offerId: string): Promise<Uint8Array> {
  const info = context('authorization_code', offerId);
  const recipientPublicKey = await suite.kem.deserializePublicKey(arrayBuffer(publicKey));
  const { ct, enc } = await suite.seal({ recipientPublicKey, info: arrayBuffer(info) }, arrayBuffer(bytes(plaintext)));
  return Buffer.concat([Buffer.of(HPKE), bytes(enc), bytes(ct)]);
}

async function openHpke(sealed: Uint8Array, code: string, offerId: string): Promise<Uint8Array> {
  const encLength = suite.kem.encSize;
  const info = context('authorization_code', offerId);
  const { privateKey } = await codeKeyPair(code, offerId);
  const enc = arrayBuffer(sealed.subarray(1, 1 + encLength));
  return bytes(await suite.open({ recipientKey: privateKey, enc, info: arrayBuffer(info) }, arrayBuffer(sealed.subarray(1 + encLength))));
}
