// The real wallet client library (@openid4vc/openid4vci, @openid4vc/oauth2) with DPoP on, batch
// proofs and, optionally, a wallet attestation as its client authentication. Independent of the
// engine: never import electron/**. (./wallet.ts stays the plain Bearer wallet of the older tests.)
import {
  clientAuthenticationAnonymous,
  clientAuthenticationClientAttestationJwt,
  setGlobalConfig,
  type CallbackContext,
  type JwtSigner,
} from '@openid4vc/oauth2';
import { Openid4vciClient, type CredentialOfferObject, type IssuerMetadataResult } from '@openid4vc/openid4vci';
import { SignJWT, type CryptoKey, type JWK } from 'jose';
import { generateDpopKey, type DpopKey } from './dpop-client';
import { step } from './wallet';

setGlobalConfig({ allowInsecureUrls: true });

/** Keys the wallet can sign with, by their x coordinate. */
type Keyring = Map<string, CryptoKey>;

function client(keys: Keyring, attestation?: string): Openid4vciClient {
  const signJwt: CallbackContext['signJwt'] = async (signer: JwtSigner, { header, payload }) => {
    if (signer.method !== 'jwk' || signer.alg !== 'ES256') throw new Error(`this wallet signs ES256 with a jwk only (${signer.method})`);
    const key = keys.get(String(signer.publicJwk.x));
    if (!key) throw new Error('this wallet does not hold that key');
    const jwt = await new SignJWT(payload as never).setProtectedHeader(header as never).sign(key);
    return { jwt, signerJwk: signer.publicJwk };
  };
  const callbacks: Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> = {
    fetch: (input, init) => globalThis.fetch(input, init),
    generateRandom: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    hash: async (data, alg) => {
      const name = { 'sha-256': 'SHA-256', 'sha-384': 'SHA-384', 'sha-512': 'SHA-512' }[alg];
      if (!name) throw new Error(`unsupported hash ${alg}`);
      return new Uint8Array(await globalThis.crypto.subtle.digest(name, new Uint8Array(data)));
    },
    signJwt,
    clientAuthentication: attestation
      ? clientAuthenticationClientAttestationJwt({
          clientAttestationJwt: attestation,
          callbacks: { signJwt, generateRandom: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)) },
        })
      : clientAuthenticationAnonymous(),
  };
  return new Openid4vciClient({ callbacks });
}

export interface DpopWalletOptions {
  txCode?: string;
  /** Copies to ask for in one credential request (one device key each). */
  copies?: number;
  /** Leave DPoP off (a Bearer wallet with the same code paths). */
  withoutDpop?: boolean;
  /** A wallet attestation (OAuth-Client-Attestation) and its instance key, for the token request. */
  attestation?: { jwt: string; privateKey: CryptoKey; publicJwk: JWK };
}

export interface DpopWalletResult {
  offer: CredentialOfferObject;
  issuerMetadata: IssuerMetadataResult;
  tokenType: string;
  accessToken: string;
  dpopKey: DpopKey;
  /** The DPoP-Nonce the token endpoint handed out, if any. */
  tokenDpopNonce?: string;
  deviceKeys: DpopKey[];
  /** base64url IssuerSigned, one per device key, in order. */
  credentials: string[];
  notificationId?: string;
}

/** Pre-authorized flow with the library: token (DPoP-bound), nonce, a batch of proofs, credentials. */
export async function dpopWalletIssuance(offerUri: string, options: DpopWalletOptions = {}): Promise<DpopWalletResult> {
  const dpopKey = await generateDpopKey();
  const deviceKeys = await Promise.all(Array.from({ length: options.copies ?? 1 }, () => generateDpopKey()));
  const keys: Keyring = new Map([dpopKey, ...deviceKeys].map((k) => [k.publicJwk.x, k.privateKey]));
  if (options.attestation) keys.set(String(options.attestation.publicJwk.x), options.attestation.privateKey);
  const wallet = client(keys, options.attestation?.jwt);
  const offer = await step('offer', () => wallet.resolveCredentialOffer(offerUri));
  const issuerMetadata = await step('metadata', () => wallet.resolveIssuerMetadata(offer.credential_issuer));
  const credentialConfigurationId = offer.credential_configuration_ids[0]!;
  const dpopSigner = { method: 'jwk' as const, alg: 'ES256', publicJwk: dpopKey.publicJwk };
  const token = await step('token', () =>
    wallet.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata,
      txCode: options.txCode,
      ...(options.withoutDpop ? {} : { dpop: { signer: dpopSigner } }),
    }),
  );
  const accessToken = token.accessTokenResponse.access_token;
  const { c_nonce } = await step('nonce', () => wallet.requestNonce({ issuerMetadata }));
  const proofs: string[] = [];
  for (const key of deviceKeys) {
    const { jwt } = await step('proof', () =>
      wallet.createCredentialRequestJwtProof({
        issuerMetadata,
        credentialConfigurationId,
        signer: { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk },
        nonce: c_nonce,
        issuedAt: new Date(),
      }),
    );
    proofs.push(jwt);
  }
  const { credentialResponse } = await step('credential', () =>
    wallet.retrieveCredentials({
      issuerMetadata,
      accessToken,
      credentialConfigurationId,
      proofs: { jwt: proofs },
      ...(options.withoutDpop ? {} : { dpop: { signer: dpopSigner, ...(token.dpop?.nonce ? { nonce: token.dpop.nonce } : {}) } }),
    }),
  );
  const credentials = (credentialResponse.credentials ?? []).map((c) =>
    typeof c === 'object' && c && 'credential' in c ? c.credential : c,
  );
  return {
    offer,
    issuerMetadata,
    tokenType: token.accessTokenResponse.token_type,
    accessToken,
    dpopKey,
    ...(token.dpop?.nonce ? { tokenDpopNonce: token.dpop.nonce } : {}),
    deviceKeys,
    credentials: credentials as string[],
    ...(credentialResponse.notification_id ? { notificationId: credentialResponse.notification_id } : {}),
  };
}
