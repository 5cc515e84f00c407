import { verify, type KeyObject } from 'node:crypto';

/** CBOR major-type head (RFC 8949 §3) for a definite length. */
function head(majorType: number, length: number): Uint8Array {
  const m = majorType << 5;
  if (length < 24) return Uint8Array.of(m | length);
  if (length < 0x100) return Uint8Array.of(m | 24, length);
  if (length < 0x10000) return Uint8Array.of(m | 25, length >> 8, length & 0xff);
  return Uint8Array.of(m | 26, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
}

const bstr = (bytes: Uint8Array) => [head(2, bytes.length), bytes];
const SIGNATURE1 = new TextEncoder().encode('Signature1');

/** RFC 9052 §4.4 Sig_structure for COSE_Sign1 with empty external_aad. */
export function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Buffer {
  return Buffer.concat([head(4, 4), head(3, SIGNATURE1.length), SIGNATURE1, ...bstr(protectedHeader), head(2, 0), ...bstr(payload)]);
}

/** ES256 (RFC 9053 §2.1): the signature is r‖s, 64 bytes. */
export function verifyEs256(publicKey: KeyObject, protectedHeader: Uint8Array, payload: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  return verify('sha256', sigStructure(protectedHeader, payload), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
}

/** The bytes of #6.24(bstr) around `content` (RFC 8949 §3.4.5.1): what ISO 18013-5 §9.1.2.5 digests. */
export function embeddedCborBytes(content: Uint8Array): Buffer {
  return Buffer.concat([Uint8Array.of(0xd8, 0x18), ...bstr(content)]);
}
