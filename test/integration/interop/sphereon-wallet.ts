// A second wallet, independent of test/support/wallet.ts (@openid4vc/openid4vci) and of the engine:
// Sphereon's @sphereon/oid4vci-client 0.20 (OpenID4VCIClientV1_0_15), with its own HTTP stack
// (cross-fetch → node-fetch). It speaks OpenID4VCI draft 15:
// - token request: `tx_code` (draft 13 §6.1) and, alongside it, the pre-draft-13 `user_pin`;
// - c_nonce from the token response when there is one (drafts ≤ 14), else from the Nonce Endpoint
//   (draft 15 §7);
// - credential request `{credential_configuration_id, proof: {proof_type: "jwt", jwt}}` (draft 15
//   §8.2: `format` is gone, the singular `proof` is still there; draft 16 deprecated it and 1.0
//   keeps only `proofs`); the proof JWT carries the key in a `jwk` header (draft 15 §7.2.1.1);
// - DPoP (RFC 9449) when handed `createDPoPOpts`, with the `use_dpop_nonce` retry (§8, §9).
// Only the signing is ours (jose, a fresh P-256 key per wallet); every request is the library's.
import { AccessTokenClient, OpenID4VCIClientV1_0_15 } from '@sphereon/oid4vci-client';
import { SignJWT, type JWK } from 'jose';
import { generateProofKey, type ProofKey } from '../../support/key-proofs';

type CredentialOptions = Parameters<OpenID4VCIClientV1_0_15['acquireCredentials']>[0];
type DpopOptions = NonNullable<CredentialOptions['createDPoPOpts']>;
type SignCallback = CredentialOptions['proofCallbacks']['signCallback'];
export type SphereonCredentialResponse = Awaited<ReturnType<OpenID4VCIClientV1_0_15['acquireCredentials']>>;
export type SphereonTokenResponse = Awaited<ReturnType<OpenID4VCIClientV1_0_15['acquireAccessToken']>>;

export interface SphereonIssuance {
  client: OpenID4VCIClientV1_0_15;
  token: SphereonTokenResponse;
  response: SphereonCredentialResponse;
  /** base64url CBOR IssuerSigned, from the response's credentials[0].credential. */
  credential: string;
  /** The key the proof JWT was signed with (and named in its jwk header). */
  deviceKey: ProofKey;
  /** Every key proof JWT the library had us sign, in order. */
  proofs: string[];
  /** With DPoP: the key and every DPoP proof JWT the library had us sign, in order. */
  dpop?: { key: ProofKey; proofs: string[] };
}

/** The library's client from an offer URI (by value, or by reference: it fetches credential_offer_uri). */
export function sphereonClient(offerUri: string): Promise<OpenID4VCIClientV1_0_15> {
  return OpenID4VCIClientV1_0_15.fromURI({ uri: offerUri, retrieveServerMetadata: true, resolveOfferUri: true });
}

function recordingSigner(key: ProofKey, signed: string[]): SignCallback {
  return async ({ header, payload }) => {
    const jwt = await new SignJWT({ ...payload } as never).setProtectedHeader(header as never).sign(key.privateKey);
    signed.push(jwt);
    return jwt;
  };
}

/** The library's DPoP options (oid4vc-common CreateDPoPOpts) for one endpoint; it fills htm, htu, ath, jti, iat. */
function dpopOptions(client: OpenID4VCIClientV1_0_15, key: ProofKey, signed: string[], nonce?: string): DpopOptions {
  return {
    createJwtCallback: async (_issuer, { header, payload }) => {
      const jwt = await new SignJWT({ ...payload } as never).setProtectedHeader(header as never).sign(key.privateKey);
      signed.push(jwt);
      return jwt;
    },
    jwtIssuer: { alg: 'ES256', jwk: key.publicJwk as JWK },
    jwtPayloadProps: nonce ? { nonce } : {},
    // The token request uses DPoP only when this is non-empty: the wallet takes it from the AS metadata.
    dPoPSigningAlgValuesSupported: client.endpointMetadata.authorizationServerMetadata?.dpop_signing_alg_values_supported ?? [],
  };
}

/** The whole pre-authorized flow through the library: offer, metadata, token, (nonce), credential. */
export async function sphereonIssuance(offerUri: string, options: { txCode?: string; dpop?: boolean } = {}): Promise<SphereonIssuance> {
  const client = await sphereonClient(offerUri);
  const deviceKey = await generateProofKey();
  const proofs: string[] = [];
  const dpop = options.dpop ? { key: await generateProofKey(), proofs: [] as string[] } : undefined;

  const token = await client.acquireAccessToken({
    ...(options.txCode !== undefined ? { pin: options.txCode } : {}),
    ...(dpop ? { createDPoPOpts: dpopOptions(client, dpop.key, dpop.proofs) } : {}),
  });
  const credentialConfigurationId = client.getCredentialOfferConfigurationIds()[0];
  if (!credentialConfigurationId) throw new Error('the offer names no credential_configuration_ids');
  const response = await client.acquireCredentials({
    credentialConfigurationId,
    format: 'mso_mdoc',
    alg: 'ES256',
    jwk: deviceKey.publicJwk as JWK,
    proofCallbacks: { signCallback: recordingSigner(deviceKey, proofs) },
    // A DPoP-Nonce the token endpoint made the library use carries on to the credential request.
    ...(dpop ? { createDPoPOpts: dpopOptions(client, dpop.key, dpop.proofs, token.params?.dpop?.dpopNonce) } : {}),
  });
  const first = response.credentials?.[0];
  const credential = first && typeof first === 'object' && 'credential' in first ? first.credential : undefined;
  if (typeof credential !== 'string') throw new Error(`no string credential in the response: ${JSON.stringify(response)}`);
  return { client, token, response, credential, deviceKey, proofs, ...(dpop ? { dpop } : {}) };
}

/**
 * A token request made by the library's AccessTokenClient (the one OpenID4VCIClientV1_0_15 uses),
 * which hands back the raw answer: the high-level client throws away an error body and reports
 * only the status.
 */
export async function sphereonTokenAttempt(client: OpenID4VCIClientV1_0_15, pin: string) {
  const answer = await new AccessTokenClient().acquireAccessToken({
    credentialOffer: client.credentialOffer!,
    metadata: client.endpointMetadata,
    credentialIssuer: client.getIssuer(),
    pin,
  });
  return {
    status: answer.origResponse.status,
    headers: answer.origResponse.headers,
    successBody: answer.successBody,
    errorBody: answer.errorBody,
  };
}
