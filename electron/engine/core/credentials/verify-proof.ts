import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import { OAuthError } from '../errors/oauth-error';

export const PROOF_TYP = 'openid4vci-proof+jwt';
/** A wallet's clock may run a little ahead of ours. */
const CLOCK_TOLERANCE_SECONDS = 60;

export interface DeviceKey {
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  thumbprint: string;
  nonce: string;
  /** OID4VCI 1.0 Appendix F.1: a key attestation JWT in the `key_attestation` header, not yet checked. */
  keyAttestation?: string;
}

const invalidProof = (description: string) => new OAuthError(400, 'invalid_proof', description);

// RFC 7518 §6.2.1.2: a P-256 coordinate is exactly 32 bytes, base64url without padding. jose
// decodes looser forms too; the mDoc's COSE_Key needs this one.
const isCoordinate = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(value);

/** OID4VCI 1.0 Appendix F.1: a jwt proof gives the device key the mDoc will be bound to. */
export async function verifyJwtProof(jwt: string, options: { audience: string; now: number; maxAgeSeconds: number }): Promise<DeviceKey> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    throw invalidProof('the proof is not a JWT');
  }
  if (header.typ !== PROOF_TYP) throw invalidProof(`the proof's typ must be ${PROOF_TYP}`);
  if (header.alg !== 'ES256') throw invalidProof('the proof must be signed with ES256');
  const jwk = proofKey(header);
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !isCoordinate(jwk.x) || !isCoordinate(jwk.y)) {
    throw invalidProof('the proof needs a jwk header with a P-256 public key (x and y: 32 bytes, base64url without padding)');
  }
  if ('d' in jwk) throw invalidProof('the jwk header must not contain a private key');
  const publicJwk = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x, y: jwk.y };

  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    const key = await importJWK(publicJwk, 'ES256');
    ({ payload } = await jwtVerify(jwt, key, {
      algorithms: ['ES256'],
      typ: PROOF_TYP,
      audience: options.audience,
      requiredClaims: ['iat'],
      currentDate: new Date(options.now),
      maxTokenAge: options.maxAgeSeconds,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw invalidProof(describe(error, options.audience));
  }
  if (typeof payload.nonce !== 'string' || payload.nonce.length === 0) {
    throw new OAuthError(400, 'invalid_nonce', 'the proof must contain a c_nonce from the nonce endpoint');
  }
  if (header.key_attestation !== undefined && typeof header.key_attestation !== 'string') {
    throw invalidProof('the key_attestation header must be a key attestation JWT');
  }
  return {
    jwk: publicJwk,
    thumbprint: await calculateJwkThumbprint(publicJwk),
    nonce: payload.nonce,
    ...(header.key_attestation ? { keyAttestation: header.key_attestation } : {}),
  };
}

/**
 * The key the proof is signed with: a `jwk` header, or a `kid` that is a did:jwk (the key itself,
 * base64url JSON, as several wallets send). Other DIDs and x5c would need resolution or a trust
 * decision we do not make offline.
 */
function proofKey(header: ReturnType<typeof decodeProtectedHeader>): JWK | undefined {
  if (header.x5c) throw invalidProof('x5c proofs are not supported; send the key as a jwk header');
  if (header.jwk && header.kid) throw invalidProof('send either jwk or kid, not both');
  if (header.jwk) return header.jwk as JWK;
  if (typeof header.kid !== 'string') return undefined;
  const didJwk = /^did:jwk:([A-Za-z0-9_-]+)(#0)?$/.exec(header.kid);
  if (!didJwk) throw invalidProof('kid must be a did:jwk; other key references are not supported (send a jwk header)');
  try {
    return JSON.parse(Buffer.from(didJwk[1]!, 'base64url').toString('utf8')) as JWK;
  } catch {
    throw invalidProof('the did:jwk in kid does not hold a JSON key');
  }
}

function describe(error: unknown, audience: string): string {
  if (error instanceof joseErrors.JWTExpired || error instanceof joseErrors.JWTClaimValidationFailed) {
    // Say which rule failed: a missing iat or an expired exp is not a stale proof.
    if (error.reason === 'missing') return `the proof must contain the ${error.claim} claim`;
    if (error.reason === 'invalid') return `the proof's ${error.claim} claim must be a number (seconds since the epoch)`;
    if (error.claim === 'aud') return `the proof's aud must be ${audience}`;
    if (error.claim === 'exp') return 'the proof has expired (exp)';
    if (error.claim === 'iat')
      return error instanceof joseErrors.JWTExpired ? 'the proof is stale (iat too far in the past)' : 'the proof is from the future (iat)';
    return `the proof's ${error.claim} claim is invalid: ${error.message}`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the proof signature does not verify with its jwk';
  return `the proof is invalid: ${(error as Error).message}`;
}
