import { calculateJwkThumbprint, type JWK } from 'jose';
import { AttestationError, verifyAnchoredJwt } from './anchored-jwt';
import type { TrustAnchor } from './wallet-providers';

// OID4VCI 1.0 Appendix D.1: a key attestation JWT, signed by a wallet provider (or its key storage
// component) this issuer trusts, vouching for the keys in `attested_keys`. It comes in a jwt
// proof's `key_attestation` header (Appendix F.1) or alone as an `attestation` proof (F.3).

export const KEY_ATTESTATION_TYP = 'key-attestation+jwt';
/** A batch is at most this big anyway (batch_size); more attested keys than this is not a wallet. */
const MAX_ATTESTED_KEYS = 100;

export interface AttestedKey {
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  thumbprint: string;
}

export interface KeyAttestation {
  keys: AttestedKey[];
  providerId: string;
  /** The c_nonce the attestation was made for, when it names one. */
  nonce?: string;
  keyStorage?: string[];
  userAuthentication?: string[];
}

// RFC 7518 §6.2.1.2: a P-256 coordinate is 32 bytes, base64url without padding (the COSE_Key needs this form).
const isCoordinate = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(value);

export async function verifyKeyAttestation(
  jwt: string,
  anchors: TrustAnchor[],
  options: { now: number; withJwtProof: boolean },
): Promise<KeyAttestation> {
  const { payload, anchor } = await verifyAnchoredJwt(jwt, anchors, {
    typ: KEY_ATTESTATION_TYP,
    now: options.now,
    what: 'key attestation',
    // D.1: exp must be present when the attestation comes with a jwt proof.
    requiredClaims: options.withJwtProof ? ['iat', 'exp'] : ['iat'],
  });
  const listed = payload.attested_keys;
  if (!Array.isArray(listed) || listed.length === 0) throw new AttestationError('the key attestation has no attested_keys');
  if (listed.length > MAX_ATTESTED_KEYS) throw new AttestationError(`the key attestation lists more than ${MAX_ATTESTED_KEYS} keys`);
  const keys: AttestedKey[] = [];
  for (const entry of listed as Record<string, unknown>[]) {
    if (typeof entry !== 'object' || entry === null || ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((m) => m in entry)) {
      throw new AttestationError('attested_keys must hold public JWKs');
    }
    if (entry.kty !== 'EC' || entry.crv !== 'P-256' || !isCoordinate(entry.x) || !isCoordinate(entry.y)) {
      throw new AttestationError('an attested key is not a P-256 key (an mDoc device key must be, ISO 18013-5 §9.1.5)');
    }
    const jwk = { kty: 'EC' as const, crv: 'P-256' as const, x: entry.x, y: entry.y };
    keys.push({ jwk, thumbprint: await calculateJwkThumbprint(jwk as JWK) });
  }
  const strings = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]).slice(0, 10) : undefined);
  const keyStorage = strings(payload.key_storage);
  const userAuthentication = strings(payload.user_authentication);
  return {
    keys,
    providerId: anchor.providerId,
    ...(typeof payload.nonce === 'string' ? { nonce: payload.nonce } : {}),
    ...(keyStorage ? { keyStorage } : {}),
    ...(userAuthentication ? { userAuthentication } : {}),
  };
}
