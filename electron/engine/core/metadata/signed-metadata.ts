import { base64url } from '../util/secrets';

// OID4VCI 1.0 §12.2.2–3 and HAIP §4.1: issuer metadata as a JWT (`typ openidvci-issuer-metadata+jwt`),
// every metadata parameter a top-level claim, `sub` the credential issuer, signed by a key whose
// certificate (and any intermediates, never the trust anchor, never self-signed) is in `x5c`.

export const SIGNED_METADATA_TYP = 'openidvci-issuer-metadata+jwt';
/** How long a signed copy is valid, and how long it is reused before signing again. */
const VALID_SECONDS = 24 * 3600;
const REUSE_MS = 3600_000;

/** The signer port (DESIGN §10): ES256 over the bytes, r‖s; the certificate chain, leaf first. */
export interface MetadataSigner {
  sign(data: Uint8Array): Promise<Uint8Array>;
  certificateChainDer: Uint8Array[];
  notAfter: Date;
}

export interface SignedMetadata {
  /** The metadata as a compact JWS; the same one while the metadata is unchanged and the copy is recent. */
  sign(metadata: Record<string, unknown>, now: number): Promise<string>;
}

export function createSignedMetadata(signer: MetadataSigner, issuer: string): SignedMetadata {
  let last: { json: string; at: number; jwt: Promise<string> } | undefined;
  const header = base64url(
    Buffer.from(
      JSON.stringify({
        alg: 'ES256',
        typ: SIGNED_METADATA_TYP,
        x5c: signer.certificateChainDer.map((der) => Buffer.from(der).toString('base64')),
      }),
    ),
  );
  return {
    sign(metadata, now) {
      const json = JSON.stringify(metadata);
      if (last && last.json === json && now - last.at < REUSE_MS) return last.jwt;
      const iat = Math.floor(now / 1000);
      const exp = Math.min(iat + VALID_SECONDS, Math.floor(signer.notAfter.getTime() / 1000));
      const payload = base64url(Buffer.from(JSON.stringify({ ...metadata, iss: issuer, sub: issuer, iat, exp })));
      const input = `${header}.${payload}`;
      const jwt = signer.sign(new TextEncoder().encode(input)).then((signature) => `${input}.${base64url(signature)}`);
      jwt.catch(() => (last = undefined));
      last = { json, at: now, jwt };
      return jwt;
    },
  };
}
