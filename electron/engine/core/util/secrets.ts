import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Everything random in the engine comes through here, so tests can see what is drawn. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
  /** Uniform integer in [min, max). */
  int(min: number, max: number): number;
  uuid(): string;
}

export const systemRandom: RandomSource = {
  bytes: (length) => new Uint8Array(randomBytes(length)),
  int: (min, max) => randomInt(min, max),
  uuid: () => crypto.randomUUID(),
};

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A bearer secret: 256 bits, base64url (DESIGN §3: pre-authorized codes ≥ 128 bits). */
export function newSecret(random: RandomSource): string {
  return base64url(random.bytes(32));
}

/** Secrets are stored only as SHA-256 digests (DESIGN §6). */
export function sha256(value: string | Uint8Array): Buffer {
  return createHash('sha256').update(value).digest();
}

export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
