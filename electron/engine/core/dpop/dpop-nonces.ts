import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../util/secrets';

// RFC 9449 §8: server-provided nonces. They are stateless: a time step and an HMAC of it under a
// key every process on the database shares (WalletProtocolStore), so a nonce one process hands
// out is accepted by all of them, and checking one costs no storage read. A nonce stays current
// for NONCE_STEPS steps; the jti store (§11.1) still refuses a proof seen before.

const STEP_MS = 60_000;
/** A nonce is current during its own step and the next four (4 to 5 minutes). */
const NONCE_STEPS = 5;
const MAC_BYTES = 16;

export interface DpopNonces {
  /** The nonce to hand out now (the same one for everybody during a step). */
  current(now: number): string;
  /** Issued by a process sharing the key, and not stale. */
  isCurrent(nonce: string, now: number): boolean;
}

export function createDpopNonces(key: Uint8Array): DpopNonces {
  if (key.length < 32) throw new Error('the DPoP nonce key must be at least 32 bytes');
  const mac = (step: number) => createHmac('sha256', key).update(`dpop-nonce:${step}`).digest().subarray(0, MAC_BYTES);
  const encode = (step: number) => `${step.toString(36)}.${mac(step).toString('base64url')}`;
  return {
    current: (now) => encode(Math.floor(now / STEP_MS)),
    isCurrent(nonce, now) {
      const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(nonce);
      if (!match) return false;
      const step = parseInt(match[1]!, 36);
      const age = Math.floor(now / STEP_MS) - step;
      // One step ahead: another process's clock may be a little in front of ours.
      if (age < -1 || age >= NONCE_STEPS) return false;
      return constantTimeEqual(Buffer.from(match[2]!, 'base64url'), mac(step));
    },
  };
}
