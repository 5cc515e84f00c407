// An independent status check for mDocs (IETF Token Status List §8.3, ISO 18013-5 2nd ed. §12.3.6),
// test-only and never importing electron/**: the MSO and the CWT are read with ./cbor-lite, the
// COSE signature is checked with WebCrypto over a Sig_structure encoded by cbor-x, the chain to the
// IACA with @peculiar/x509, and the list is inflated with node:zlib. (./status-list-library.ts reads
// the same token with @owf/token-status-list.)
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { Encoder } from 'cbor-x';
import { inflateSync } from 'node:zlib';
import { Tagged, decodeCbor } from './cbor-lite';

export interface StatusReference {
  idx: number;
  uri: string;
}

const asMap = (value: unknown, what: string): Map<unknown, unknown> => {
  if (!(value instanceof Map)) throw new Error(`${what} is not a CBOR map`);
  return value;
};

/** The `status.status_list` of an IssuerSigned's MSO, or undefined when it has none. */
export function statusOfIssuerSigned(issuerSigned: Uint8Array): StatusReference | undefined {
  const top = asMap(decodeCbor(issuerSigned), 'IssuerSigned');
  const issuerAuth = top.get('issuerAuth') as unknown[];
  const msoBytes = decodeCbor(issuerAuth[2] as Uint8Array);
  if (!(msoBytes instanceof Tagged) || msoBytes.tag !== 24) throw new Error('the MSO is not MobileSecurityObjectBytes (tag 24)');
  const mso = asMap(decodeCbor(msoBytes.value as Uint8Array), 'MSO');
  const status = mso.get('status');
  if (status === undefined) return undefined;
  const entry = asMap(asMap(status, 'status').get('status_list'), 'status_list');
  const idx = entry.get('idx');
  const uri = entry.get('uri');
  if (typeof idx !== 'number' || !Number.isInteger(idx) || idx < 0 || typeof uri !== 'string') throw new Error('malformed status_list');
  return { idx, uri };
}

export interface CheckedStatusList {
  sub: string;
  iat: number;
  exp: number;
  ttl: number;
  bits: number;
  /** The inflated byte array. */
  bytes: Uint8Array;
  signerCertificate: x509.X509Certificate;
  /** The status at an index, read from `bytes` (LSB first, §4.1). */
  statusAt(idx: number): number;
}

const sigEncoder = new Encoder({ tagUint8Array: false, useRecords: false, mapsAsObjects: false });

/**
 * Verifies a Status List Token (CWT) the way a relying party must (§8.3): COSE_Sign1_Tagged with
 * alg ES256, typ application/statuslist+cwt and x5chain in the protected header, the signature by
 * the x5chain certificate, that certificate issued and signed by the IACA and valid now, the
 * required claims, and exp in the future. Throws naming the first rule broken.
 */
export async function checkStatusListToken(token: Uint8Array, iacaPem: string, now = new Date()): Promise<CheckedStatusList> {
  const outer = decodeCbor(token);
  if (!(outer instanceof Tagged) || outer.tag !== 18) throw new Error('not a COSE_Sign1_Tagged (tag 18)');
  const [protectedBytes, , payload, signature] = outer.value as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const header = asMap(decodeCbor(protectedBytes), 'protected header');
  if (header.get(1) !== -7) throw new Error(`protected alg is ${String(header.get(1))}, not ES256 (-7)`);
  if (header.get(16) !== 'application/statuslist+cwt') throw new Error(`protected typ is ${String(header.get(16))}`);
  const x5chain = header.get(33);
  const leafDer = x5chain instanceof Uint8Array ? x5chain : Array.isArray(x5chain) ? (x5chain[0] as Uint8Array) : undefined;
  if (!leafDer) throw new Error('no x5chain in the protected header');

  const signerCertificate = new x509.X509Certificate(new Uint8Array(leafDer));
  const iaca = new x509.X509Certificate(iacaPem);
  if (signerCertificate.issuer !== iaca.subject) throw new Error('the x5chain certificate is not issued by the IACA');
  if (!(await signerCertificate.verify({ publicKey: iaca.publicKey, date: now })))
    throw new Error('the x5chain certificate does not chain to the IACA');

  const sigStructure = sigEncoder.encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  const key = await signerCertificate.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
  if (!(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, new Uint8Array(signature), new Uint8Array(sigStructure)))) {
    throw new Error('the COSE signature does not verify with the x5chain certificate');
  }

  const claims = asMap(decodeCbor(payload), 'CWT claims');
  const [sub, iat, exp, ttl] = [claims.get(2), claims.get(6), claims.get(4), claims.get(65534)];
  if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number' || typeof ttl !== 'number') {
    throw new Error('a required claim (sub, iat, exp, ttl) is missing');
  }
  if (exp * 1000 <= now.getTime()) throw new Error('the Status List Token has expired');
  const list = asMap(claims.get(65533), 'status_list');
  const bits = list.get('bits');
  const lst = list.get('lst');
  if (bits !== 1 || !(lst instanceof Uint8Array)) throw new Error('status_list is not {bits: 1, lst: bstr}');
  const bytes = new Uint8Array(inflateSync(lst));
  return {
    sub,
    iat,
    exp,
    ttl,
    bits,
    bytes,
    signerCertificate,
    statusAt: (idx) => {
      if (idx >= bytes.length * 8) throw new Error(`index ${idx} is out of the list's bounds`);
      return (bytes[idx >> 3]! >> (idx & 7)) & 1;
    },
  };
}
