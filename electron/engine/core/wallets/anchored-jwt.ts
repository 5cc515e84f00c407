import { X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { sha256Hex } from '../util/secrets';
import type { TrustAnchor } from './wallet-providers';

// A JWT signed by a trusted wallet provider: a wallet attestation (OAuth attestation-based client
// authentication §4.1, OID4VCI 1.0 Appendix E) or a key attestation (OID4VCI 1.0 Appendix D.1).
// With x5c (RFC 7515 §4.1.6; HAIP §4.4.1 and §4.5.1) the chain must lead to a certificate anchor,
// the trust anchor itself left out and the signing certificate not self-signed; without x5c the JWT
// must verify with a JWK anchor (matching kid when both have one).

/** Asymmetric algorithms a wallet provider may sign with (HAIP §7: ES256 at least). */
export const ATTESTATION_ALGS = ['ES256', 'ES384', 'ES512', 'PS256', 'RS256', 'EdDSA'];
const MAX_CHAIN = 5;
const CLOCK_TOLERANCE_SECONDS = 60;

export class AttestationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttestationError';
  }
}

export interface AnchoredJwt {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  anchor: TrustAnchor;
}

export async function verifyAnchoredJwt(
  jwt: string,
  anchors: TrustAnchor[],
  options: { typ: string; now: number; what: string; requiredClaims?: string[] },
): Promise<AnchoredJwt> {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    throw new AttestationError(`the ${options.what} is not a JWT`);
  }
  if (header.typ !== options.typ) throw new AttestationError(`the ${options.what} typ must be ${options.typ}`);
  if (typeof header.alg !== 'string' || !ATTESTATION_ALGS.includes(header.alg)) {
    throw new AttestationError(`the ${options.what} alg must be one of ${ATTESTATION_ALGS.join(', ')}`);
  }
  const candidates = header.x5c ? [chainAnchor(header.x5c, anchors, options)] : jwkCandidates(header, anchors, options.what);
  let last: unknown;
  for (const { anchor, key } of candidates) {
    try {
      const { payload } = await jwtVerify(jwt, key, {
        algorithms: [header.alg],
        typ: options.typ,
        currentDate: new Date(options.now),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(options.requiredClaims ? { requiredClaims: options.requiredClaims } : {}),
      });
      return { header, payload, anchor };
    } catch (error) {
      last = error;
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw new AttestationError(describe(last, options.what));
}

function jwkCandidates(header: ProtectedHeaderParameters, anchors: TrustAnchor[], what: string) {
  const found = anchors.filter((a) => !a.certificate && (a.kid === undefined || header.kid === undefined || a.kid === header.kid));
  if (found.length === 0) throw new AttestationError(`the ${what} is not signed by a wallet provider this issuer trusts`);
  return found.map((anchor) => ({ anchor, key: anchor.publicKey }));
}

/** The x5c chain, checked link by link up to a certificate anchor: its leaf key and that anchor. */
function chainAnchor(x5c: unknown, anchors: TrustAnchor[], options: { now: number; what: string }) {
  const fail = (why: string): never => {
    throw new AttestationError(`the ${options.what} x5c chain ${why}`);
  };
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_CHAIN) fail(`must hold 1 to ${MAX_CHAIN} certificates`);
  const chain = (x5c as unknown[]).map((entry) => {
    try {
      return new X509Certificate(Buffer.from(String(entry), 'base64'));
    } catch {
      return fail('holds an entry that is not a base64 DER certificate');
    }
  });
  const now = options.now;
  const valid = (c: X509Certificate) => new Date(c.validFrom).getTime() <= now && now <= new Date(c.validTo).getTime();
  const leaf = chain[0]!;
  if (leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey)) fail('starts with a self-signed certificate (HAIP §4.4.1)');
  for (let i = 0; i < chain.length; i += 1) {
    const cert = chain[i]!;
    if (!valid(cert)) fail(`holds a certificate that is not valid now (${cert.subject.replace(/\n/g, ', ')})`);
    const issuer = chain[i + 1];
    if (issuer && !(cert.checkIssued(issuer) && cert.verify(issuer.publicKey))) fail('is broken: a certificate is not issued by the next');
  }
  const top = chain[chain.length - 1]!;
  const topPrint = sha256Hex(top.raw);
  const anchor = anchors.find(
    (a) =>
      a.certificate &&
      valid(a.certificate) &&
      (sha256Hex(a.certificate.raw) === topPrint || (top.checkIssued(a.certificate) && top.verify(a.publicKey))),
  );
  if (!anchor) fail('does not lead to a wallet provider this issuer trusts');
  return { anchor: anchor!, key: leaf.publicKey };
}

function describe(error: unknown, what: string): string {
  if (error instanceof joseErrors.JWTExpired) return `the ${what} has expired`;
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the ${what} ${error.claim} claim is invalid: ${error.message}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return `the ${what} signature does not verify with a trusted wallet provider key`;
  return `the ${what} is invalid: ${(error as Error)?.message ?? 'unknown error'}`;
}
