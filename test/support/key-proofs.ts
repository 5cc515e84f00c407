// OID4VCI 1.0 Appendix F.1 jwt proofs made with jose, for batches and key attestations
// (independent of the engine and of the wallet library).
import { SignJWT, type JWK } from 'jose';
import { generateDpopKey, type DpopKey } from './dpop-client';

export type ProofKey = DpopKey;
export const generateProofKey = generateDpopKey;

export function keyProof(
  key: ProofKey,
  options: { audience: string; nonce?: string; keyAttestation?: string; iat?: number; jwk?: JWK },
): Promise<string> {
  return new SignJWT({
    aud: options.audience,
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
  })
    .setProtectedHeader({
      typ: 'openid4vci-proof+jwt',
      alg: 'ES256',
      jwk: (options.jwk ?? key.publicJwk) as JWK,
      ...(options.keyAttestation ? { key_attestation: options.keyAttestation } : {}),
    } as never)
    .sign(key.privateKey);
}
