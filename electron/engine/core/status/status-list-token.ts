import { cborDecode, cborEncode } from '@auth0/mdl/lib/cbor/index.js';
import { sigStructure } from '../mdoc/cose-sign1';
import { STATUS_BITS } from './status-list-bits';

/** What signs Status List Tokens: a signer port (DESIGN §10) and the certificate verifiers chain to the IACA. */
export interface StatusListSigner {
  /** ECDSA P-256 over SHA-256(`data`), r‖s (RFC 9053 §2.1). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  certificateDer: Uint8Array;
  /** Which signer it is (DESIGN §11): a status-list signer, or the Document Signer by setting. */
  kind: 'status_list_signer' | 'document_signer';
  id: string;
  notAfter: Date;
}

export const STATUS_LIST_CWT_TYPE = 'application/statuslist+cwt';

const HEADER_ALG = 1; // RFC 9052 §3.1
const HEADER_TYP = 16; // RFC 9596
const HEADER_X5CHAIN = 33; // RFC 9360 §2
const ALG_ES256 = -7;
const CLAIM_SUB = 2; // RFC 8392 §3.1.2
const CLAIM_EXP = 4;
const CLAIM_IAT = 6;
const CLAIM_TTL = 65534; // IETF Token Status List §5.2
const CLAIM_STATUS_LIST = 65533;
/** RFC 8949 §3.4 head of tag 18 (COSE_Sign1_Tagged, RFC 9052 §2). */
const TAG_COSE_SIGN1 = Uint8Array.of(0xd2);

export interface StatusListTokenInput {
  /** The `uri` every Referenced Token of this list carries, and so the token's `sub`. */
  uri: string;
  issuedAt: number;
  expiresAt: number;
  ttlSeconds: number;
  /** The compressed byte array (status-list-bits.ts). */
  lst: Uint8Array;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The Status List Token in CWT form (IETF Token Status List §5.2, DESIGN §11): COSE_Sign1_Tagged,
 * protected header alg ES256, typ `application/statuslist+cwt` and x5chain (the signer's
 * certificate, issued by the same IACA as the Document Signer: ISO 18013-5 2nd ed. §12.3.6), and
 * the claims sub, iat, exp, ttl and status_list `{bits, lst}`. The CWT itself is not tagged 61 (§5.2).
 */
export async function signStatusListToken(input: StatusListTokenInput, signer: StatusListSigner): Promise<Uint8Array> {
  if (input.expiresAt <= input.issuedAt) throw new Error('a Status List Token must expire after it is issued');
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0) throw new Error('ttl must be a positive whole number of seconds');
  const protectedHeader = new Uint8Array(
    cborEncode(
      new Map<number, unknown>([
        [HEADER_ALG, ALG_ES256],
        [HEADER_TYP, STATUS_LIST_CWT_TYPE],
        [HEADER_X5CHAIN, signer.certificateDer],
      ]),
    ),
  );
  const payload = new Uint8Array(
    cborEncode(
      new Map<number, unknown>([
        [CLAIM_SUB, input.uri],
        [CLAIM_IAT, seconds(input.issuedAt)],
        [CLAIM_EXP, seconds(input.expiresAt)],
        [CLAIM_TTL, input.ttlSeconds],
        [
          CLAIM_STATUS_LIST,
          new Map<string, unknown>([
            ['bits', STATUS_BITS],
            ['lst', input.lst],
          ]),
        ],
      ]),
    ),
  );
  const signature = await signer.sign(sigStructure(protectedHeader, payload));
  if (signature.length !== 64) throw new Error('the status list signer must return a 64-byte ES256 signature (r‖s)');
  return new Uint8Array(Buffer.concat([TAG_COSE_SIGN1, cborEncode([protectedHeader, new Map(), payload, signature])]));
}

/** The iat and exp (ms) of a Status List Token this kiosk signed (to record what was published). */
export function statusListTokenTimes(token: Uint8Array): { issuedAt: number; expiresAt: number } {
  if (token[0] !== TAG_COSE_SIGN1[0]) throw new Error('not a COSE_Sign1_Tagged Status List Token');
  const [, , payload] = cborDecode(token.subarray(1)) as [unknown, unknown, Uint8Array];
  const claims = cborDecode(payload) as Map<number, unknown>;
  const [iat, exp] = [claims.get(CLAIM_IAT), claims.get(CLAIM_EXP)];
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new Error('the Status List Token lacks iat or exp');
  return { issuedAt: iat * 1000, expiresAt: exp * 1000 };
}

/** The certificate in a Status List Token's protected x5chain (the one this kiosk puts there: a single certificate). */
export function statusListTokenCertificate(token: Uint8Array): Uint8Array {
  if (token[0] !== TAG_COSE_SIGN1[0]) throw new Error('not a COSE_Sign1_Tagged Status List Token');
  const [protectedHeader] = cborDecode(token.subarray(1)) as [Uint8Array];
  const x5chain = (cborDecode(protectedHeader) as Map<number, unknown>).get(HEADER_X5CHAIN);
  const der = Array.isArray(x5chain) ? x5chain[0] : x5chain;
  if (!(der instanceof Uint8Array)) throw new Error('the Status List Token has no x5chain');
  return der;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);
