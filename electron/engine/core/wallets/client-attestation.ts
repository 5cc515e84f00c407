import { calculateJwkThumbprint, decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify, type JWK } from 'jose';
import { sha256 } from '../util/secrets';
import { AttestationError, verifyAnchoredJwt } from './anchored-jwt';
import type { TrustAnchor } from './wallet-providers';

// OAuth 2.0 Attestation-Based Client Authentication (draft-ietf-oauth-attestation-based-client-auth)
// as OID4VCI 1.0 Appendix E and HAIP §4.4.1 use it: the `OAuth-Client-Attestation` JWT, signed by a
// trusted wallet provider, names the wallet (`sub` = client_id) and its instance key (`cnf.jwk`);
// the instance proves it holds that key with an `OAuth-Client-Attestation-PoP` JWT (§5.2), or with
// the request's DPoP proof signed by the same key ("DPoP combined mode", §5.3).

export const CLIENT_ATTESTATION_TYP = 'oauth-client-attestation+jwt';
export const CLIENT_ATTESTATION_POP_TYP = 'oauth-client-attestation-pop+jwt';
export const ATTESTATION_POP_ALGS = ['ES256', 'ES384', 'ES512', 'EdDSA'];
const POP_MAX_AGE_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 60;

export interface ClientAttestationRequest {
  attestation: string;
  pop?: string;
  /** Thumbprint of the request's verified DPoP proof key, for combined mode. */
  dpopJkt?: string;
  /** The request's client_id, when it sends one: it must be the attestation's sub (§6.1). */
  clientId?: string;
  /** The authorization server's issuer identifier: the PoP's aud (§5.2). */
  issuer: string;
  now: number;
  /** True the first time (among all processes) this PoP jti hash is seen before `until` (§12.1). */
  firstSight(jtiHash: Uint8Array, until: number): Promise<boolean>;
}

export interface AttestedClient {
  clientId: string;
  providerId: string;
  /** OID4VCI 1.0 Appendix E `wallet_name`, when given. */
  walletName?: string;
  /** Thumbprint of the wallet instance key. */
  instanceJkt: string;
}

/** Verifies an attestation and its proof of possession; an AttestationError says why not. */
export async function verifyClientAttestation(request: ClientAttestationRequest, anchors: TrustAnchor[]): Promise<AttestedClient> {
  if (request.attestation.includes(',') || request.pop?.includes(',')) {
    throw new AttestationError('send exactly one OAuth-Client-Attestation and at most one OAuth-Client-Attestation-PoP header');
  }
  const { payload, anchor } = await verifyAnchoredJwt(request.attestation, anchors, {
    typ: CLIENT_ATTESTATION_TYP,
    now: request.now,
    what: 'wallet attestation',
    requiredClaims: ['exp', 'sub'],
  });
  const sub = payload.sub!;
  const cnf = (payload.cnf as { jwk?: Record<string, unknown> } | undefined)?.jwk;
  if (!cnf || typeof cnf !== 'object') throw new AttestationError('the wallet attestation has no cnf.jwk');
  if (['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((m) => m in cnf))
    throw new AttestationError('the wallet attestation cnf.jwk holds a private key');
  const instanceJkt = await calculateJwkThumbprint(cnf as JWK);
  if (request.clientId !== undefined && request.clientId !== sub) {
    throw new AttestationError(`client_id ${request.clientId} is not the wallet attestation's sub`);
  }

  if (request.pop) await verifyPop(request, cnf as JWK, sub);
  else if (request.dpopJkt !== instanceJkt) {
    throw new AttestationError(
      request.dpopJkt
        ? 'the DPoP proof is not signed by the wallet attestation key (combined mode) and no OAuth-Client-Attestation-PoP was sent'
        : 'an OAuth-Client-Attestation-PoP (or a DPoP proof signed by the attested key) is required',
    );
  }
  const walletName = typeof payload.wallet_name === 'string' ? payload.wallet_name.slice(0, 200) : undefined;
  return { clientId: sub, providerId: anchor.providerId, instanceJkt, ...(walletName ? { walletName } : {}) };
}

/** §5.2, §6.2: signed by cnf.jwk, our aud, a jti seen once, a recent iat. */
async function verifyPop(request: ClientAttestationRequest, cnf: JWK, sub: string): Promise<void> {
  const pop = request.pop!;
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(pop).alg;
  } catch {
    throw new AttestationError('the wallet attestation PoP is not a JWT');
  }
  if (typeof alg !== 'string' || !ATTESTATION_POP_ALGS.includes(alg))
    throw new AttestationError(`the wallet attestation PoP alg must be one of ${ATTESTATION_POP_ALGS.join(', ')}`);
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(pop, await importJWK(cnf, alg), {
      algorithms: [alg],
      typ: CLIENT_ATTESTATION_POP_TYP,
      audience: request.issuer,
      requiredClaims: ['jti', 'iat'],
      currentDate: new Date(request.now),
      maxTokenAge: POP_MAX_AGE_SECONDS,
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch (error) {
    throw new AttestationError(describePop(error, request.issuer));
  }
  // Drafts up to -04 also put the client_id in iss; when present it must agree.
  if (payload.iss !== undefined && payload.iss !== sub)
    throw new AttestationError("the wallet attestation PoP iss is not the attestation's sub");
  const jti = String(payload.jti);
  if (jti.length > 256) throw new AttestationError('the wallet attestation PoP jti is longer than 256 characters');
  const until = (payload.iat! + POP_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS) * 1000;
  if (!(await request.firstSight(sha256(`${sub}:${jti}`), until)))
    throw new AttestationError('this wallet attestation PoP has been used before (jti replay)');
}

function describePop(error: unknown, issuer: string): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return `the wallet attestation PoP aud must be ${issuer}`;
    return `the wallet attestation PoP ${error.claim} claim is invalid: ${error.message}`;
  }
  if (error instanceof joseErrors.JWTExpired) return 'the wallet attestation PoP is too old';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'the wallet attestation PoP is not signed by the attested key (cnf.jwk)';
  return `the wallet attestation PoP is invalid: ${(error as Error).message}`;
}
