import { createHash } from 'node:crypto';
import { Oauth2AuthorizationServer, setGlobalConfig, type JwtSigner, type VerifyJwtCallback } from '@openid4vc/oauth2';
import { compactVerify, importJWK, type JWK } from 'jose';

// The engine's one use of @openid4vc/oauth2 on the server side: its RFC 9449 proof checks
// (Oauth2AuthorizationServer.verifyDpopJwt: typ, the jwk header, htm, htu, ath, the key
// thumbprint, the signature). Signatures are checked here with jose. The library signs nothing
// for us and never fetches: those callbacks refuse.

/** Algorithms this issuer accepts for DPoP proofs and wallet attestation PoPs (DESIGN §12: ES256). */
export const POP_SIGNING_ALGS = ['ES256'] as const;

const unused = (what: string) => () => {
  throw new Error(`the issuer does not ${what} through @openid4vc/oauth2`);
};

/** Verifies a compact JWS with the jwk the library extracted from its header. */
const verifyJwt: VerifyJwtCallback = async (signer: JwtSigner, jwt) => {
  if (signer.method !== 'jwk') return { verified: false };
  try {
    const key = await importJWK(signer.publicJwk as JWK, signer.alg);
    await compactVerify(jwt.compact, key, { algorithms: [signer.alg] });
    return { verified: true, signerJwk: signer.publicJwk };
  } catch {
    return { verified: false };
  }
};

/** The library's authorization server; its callbacks hold no state. */
export const oauth2Server = new Oauth2AuthorizationServer({
  callbacks: {
    hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
    verifyJwt,
    generateRandom: unused('draw randomness'),
    signJwt: unused('sign JWTs'),
    clientAuthentication: unused('authenticate as a client'),
    fetch: unused('fetch'),
  },
});

/**
 * The library reads `htu` as an https URL unless its process-wide setting allows http. An issuer
 * served over plain http (a LAN test kiosk, the tests) needs that; it cannot widen what is accepted,
 * since `htu` must still equal this issuer's own URL exactly.
 */
export function allowHttpIssuer(credentialIssuer: string): void {
  if (credentialIssuer.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
}
