// A DPoP client written from RFC 9449 with jose alone (independent of the engine and of the wallet
// library), for tests that need to bend a proof: wrong key, replayed jti, wrong htu, stale iat.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, base64url, type CryptoKey, type JWK } from 'jose';
import { createHash, randomBytes } from 'node:crypto';

export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** RFC 7638 thumbprint: the cnf.jkt a bound token carries (§6.1). */
  jkt: string;
}

export async function generateDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const { x, y } = await exportJWK(publicKey);
  const publicJwk = { kty: 'EC' as const, crv: 'P-256' as const, x: x!, y: y! };
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk) };
}

export interface ProofOptions {
  htm: string;
  htu: string;
  /** §4.2: ath = base64url(SHA-256(access token)) at a protected resource. */
  accessToken?: string;
  nonce?: string;
  iat?: number;
  jti?: string;
  /** Extra or replacing header members (e.g. a private `d`, another typ). */
  header?: Record<string, unknown>;
  /** Extra or replacing claims. */
  claims?: Record<string, unknown>;
}

/** §4.2: a DPoP proof JWT signed by `key`. */
export async function dpopProof(key: DpopKey, options: ProofOptions): Promise<string> {
  const claims: Record<string, unknown> = {
    htm: options.htm,
    htu: options.htu,
    jti: options.jti ?? randomBytes(16).toString('base64url'),
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    ...(options.accessToken ? { ath: base64url.encode(createHash('sha256').update(options.accessToken).digest()) } : {}),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    ...options.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk as JWK, ...options.header } as never)
    .sign(key.privateKey);
}

/** RFC 9449 §7.1: the Authorization header for a DPoP-bound access token. */
export const dpopAuthorization = (accessToken: string) => `DPoP ${accessToken}`;
