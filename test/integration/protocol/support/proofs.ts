// Proof-of-possession JWTs (OID4VCI 1.0 Appendix F.1) built with jose, and the credential and nonce
// requests that carry them, against the in-process engine.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ISSUER, type InProcessCounter } from './in-process';

export interface HolderKey {
  privateKey: CryptoKey;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

export async function newHolderKey(): Promise<HolderKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { privateKey, publicJwk: { kty: kty as 'EC', crv: crv as 'P-256', x: x!, y: y! } };
}

export interface ProofOptions {
  /** Header fields to set or, with undefined, to leave out (alg stays whatever the key signs with). */
  header?: Record<string, unknown>;
  /** Claims to set or, with undefined, to leave out; by default aud, iat (the engine's now) and nonce. */
  payload?: Record<string, unknown>;
  nonce?: string;
  /** Signs with this key instead of the holder's (its header still names the holder's key). */
  signWith?: CryptoKey;
  alg?: string;
}

const withoutUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A jwt proof for the engine's clock: `typ openid4vci-proof+jwt`, ES256, the public key as `jwk`. */
export function proofJwt(counter: InProcessCounter, holder: HolderKey, options: ProofOptions = {}): Promise<string> {
  const payload = withoutUndefined({
    aud: ISSUER,
    iat: Math.floor(counter.now() / 1000),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    ...options.payload,
  });
  const alg = options.alg ?? 'ES256';
  const header = withoutUndefined({ typ: 'openid4vci-proof+jwt', jwk: holder.publicJwk, ...options.header, alg });
  return new SignJWT(payload).setProtectedHeader(header as { alg: string } & JWK).sign(options.signWith ?? holder.privateKey);
}

/** An unsecured JWS (`alg: none`), which jose will not make: header and payload, empty signature. */
export function unsecuredJwt(header: object, payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}

/** A JWS signed ES256 by the holder over exactly this header and payload (for headers jose will not write). */
export async function rawSignedJwt(holder: HolderKey, header: object, payload: object): Promise<string> {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, holder.privateKey, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

export async function freshNonce(counter: InProcessCounter): Promise<string> {
  const response = await counter.request('/v1/openid/nonce', { method: 'POST' });
  if (response.status !== 200) throw new Error(`nonce request failed: ${response.status}`);
  return ((await response.json()) as { c_nonce: string }).c_nonce;
}

/** POST /v1/openid/credential with a JSON body (or a raw string) and the access token. */
export function credentialRequest(
  counter: InProcessCounter,
  accessToken: string | undefined,
  body: unknown,
  contentType = 'application/json',
): Promise<Response> {
  return counter.request('/v1/openid/credential', {
    method: 'POST',
    headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
