import { Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import { sha256 } from '../util/secrets';
import type { DpopNonces } from './dpop-nonces';
import { oauth2Server, POP_SIGNING_ALGS } from './oauth2-library';

// RFC 9449 §4.3: checking a DPoP proof. @openid4vc/oauth2 checks the form (typ dpop+jwt, a jwk
// header, htm, htu, jti, iat present), htm, htu, ath, the key's thumbprint and the signature; the
// rest is here: one header only, ES256, no private key in the jwk, iat within a window, the server
// nonce (§8) and the jti seen once (§11.1), across processes through the store.

/** §11.1: how old a proof may be, and how far ahead a wallet's clock may run. */
export const DPOP_MAX_AGE_SECONDS = 300;
export const DPOP_CLOCK_SKEW_SECONDS = 60;
const MAX_JTI_LENGTH = 256;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** Why a proof was refused: a bad proof (§7.1, §5), or one that needs this server's nonce (§8, §9). */
export class DpopRefusal extends Error {
  constructor(
    readonly kind: 'invalid_dpop_proof' | 'use_dpop_nonce',
    message: string,
  ) {
    super(message);
    this.name = 'DpopRefusal';
  }
}

export interface DpopRequest {
  /** The DPoP header as received (several headers arrive joined by commas). */
  proof: string;
  method: string;
  /** This issuer's URL of the endpoint (its `credential_issuer` base, not the Host header: §4.3 step 9). */
  url: string;
  /** At a protected resource (§7.1): the access token, whose hash `ath` must be. */
  accessToken?: string;
  /** At a protected resource: the thumbprint the access token is bound to (`cnf.jkt`). */
  boundJkt?: string;
  now: number;
}

export interface DpopPolicy {
  nonces: DpopNonces;
  /** Refuse proofs without a current server nonce (§8); otherwise a nonce, when sent, must still be current. */
  nonceRequired: boolean;
  /** True the first time (among all processes) this jti hash is seen before `until`. */
  firstSight(jtiHash: Uint8Array, until: number): Promise<boolean>;
}

export interface VerifiedDpop {
  /** RFC 7638 thumbprint of the proof's key: the token's `cnf.jkt` (§6.1). */
  jkt: string;
  jwk: Record<string, unknown>;
}

export async function verifyDpopProof(request: DpopRequest, policy: DpopPolicy): Promise<VerifiedDpop> {
  if (request.proof.includes(',')) throw new DpopRefusal('invalid_dpop_proof', 'send exactly one DPoP header');
  let verified: Awaited<ReturnType<typeof oauth2Server.verifyDpopJwt>>;
  try {
    verified = await oauth2Server.verifyDpopJwt({
      dpopJwt: request.proof,
      request: { method: request.method as 'POST', url: request.url, headers: new Headers() },
      allowedSigningAlgs: [...POP_SIGNING_ALGS],
      ...(request.accessToken ? { accessToken: request.accessToken } : {}),
      ...(request.boundJkt ? { expectedJwkThumbprint: request.boundJkt } : {}),
      now: new Date(request.now),
    });
  } catch (error) {
    throw new DpopRefusal('invalid_dpop_proof', `the DPoP proof is not valid: ${describe(error)}`);
  }
  const { header, payload, jwkThumbprint } = verified;
  if (PRIVATE_MEMBERS.some((name) => name in header.jwk)) {
    throw new DpopRefusal('invalid_dpop_proof', 'the DPoP proof jwk header must not contain a private key');
  }
  const nowSeconds = request.now / 1000;
  if (payload.iat < nowSeconds - DPOP_MAX_AGE_SECONDS || payload.iat > nowSeconds + DPOP_CLOCK_SKEW_SECONDS) {
    throw new DpopRefusal('invalid_dpop_proof', 'the DPoP proof iat is too far from the server time');
  }
  if (payload.nonce === undefined) {
    if (policy.nonceRequired) throw new DpopRefusal('use_dpop_nonce', 'this server requires a DPoP nonce: use the DPoP-Nonce header');
  } else if (typeof payload.nonce !== 'string' || !policy.nonces.isCurrent(payload.nonce, request.now)) {
    throw new DpopRefusal('use_dpop_nonce', 'the DPoP nonce is not current: use the DPoP-Nonce header');
  }
  if (payload.jti.length === 0 || payload.jti.length > MAX_JTI_LENGTH) {
    throw new DpopRefusal('invalid_dpop_proof', `the DPoP proof jti must be 1 to ${MAX_JTI_LENGTH} characters`);
  }
  // Kept until the proof would be refused as too old anyway.
  const until = (payload.iat + DPOP_MAX_AGE_SECONDS + DPOP_CLOCK_SKEW_SECONDS) * 1000;
  if (!(await policy.firstSight(sha256(`${jwkThumbprint}:${payload.jti}`), until))) {
    throw new DpopRefusal('invalid_dpop_proof', 'this DPoP proof has been used before (jti replay)');
  }
  return { jkt: jwkThumbprint, jwk: header.jwk };
}

function describe(error: unknown): string {
  if (error instanceof Oauth2ServerErrorResponseError) return (error.errorResponse.error_description ?? 'invalid').slice(0, 300);
  // The library's schema failures (@openid4vc/utils ValidationError) quote the whole input.
  if ((error as Error).name === 'ValidationError')
    return 'typ must be dpop+jwt, with a jwk header and the htm, htu, jti and iat claims (htu an absolute URL)';
  return ((error as Error).message ?? 'invalid').slice(0, 300);
}
