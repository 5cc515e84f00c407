// A real OpenID4VCI wallet for integration tests, built on @openid4vc/openid4vci's Openid4vciClient.
// Independent of the engine: never import electron/**.
import { clientAuthenticationAnonymous, resourceRequest, setGlobalConfig } from '@openid4vc/oauth2';
import type { CallbackContext, JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import type { CredentialOfferObject, IssuerMetadataResult } from '@openid4vc/openid4vci';

// Tests talk plain http to 127.0.0.1.
setGlobalConfig({ allowInsecureUrls: true });

const subtle = globalThis.crypto.subtle;
const b64u = (data: Uint8Array | ArrayBuffer | string): string =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data))).toString(
    'base64url',
  );

export interface DeviceKey {
  privateKey: CryptoKey;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

export interface WalletResult {
  /** base64url, as returned by the credential endpoint */
  credential: string;
  /** CBOR IssuerSigned (the decoded credential) */
  issuerSigned: Uint8Array;
  deviceKey: DeviceKey;
  accessToken: string;
  notificationId?: string;
  credentialConfigurationId: string;
  /** The library's resolved metadata ({ credentialIssuer, authorizationServers, originalDraftVersion, ... }). */
  issuerMetadata: IssuerMetadataResult;
}

/** Pre-authorized code exchanged, before any nonce or credential request (for negative tests). */
export interface IssuanceSession {
  offer: CredentialOfferObject;
  issuerMetadata: IssuerMetadataResult;
  credentialConfigurationId: string;
  accessToken: string;
  /** The full token response (c_nonce included when the server sends one). */
  tokenResponse: Record<string, unknown>;
}

/**
 * A failed wallet step. `status`/`body`/`error` come from the server's HTTP response when there was
 * one; the message always contains the step, the status and the body (so /invalid_grant/ matches).
 */
export class WalletError extends Error {
  constructor(
    readonly step: 'offer' | 'metadata' | 'token' | 'nonce' | 'proof' | 'credential' | 'notification',
    readonly status: number | undefined,
    readonly body: unknown,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WalletError';
  }
  /** The OAuth-style `error` code from the body, if any. */
  get error(): string | undefined {
    const b = this.body as { error?: unknown } | undefined;
    return typeof b?.error === 'string' ? b.error : undefined;
  }
}

/** Digs the HTTP response out of the library's various error classes. */
async function httpOf(err: unknown): Promise<{ status: number; body: unknown } | undefined> {
  const e = err as { response?: unknown; errorResponse?: unknown };
  // Oauth2ClientErrorResponseError / InvalidFetchResponseError: .response is the fetch Response;
  // Openid4vciRetrieveCredentialsError / Openid4vciSendNotificationError: .response.response is.
  const candidates = [e?.response, (e?.response as { response?: unknown } | undefined)?.response];
  const res = candidates.find(
    (r): r is Response => typeof (r as Response | undefined)?.status === 'number' && typeof (r as Response).clone === 'function',
  );
  if (!res) return undefined;
  let text = '';
  try {
    text = await res.clone().text();
  } catch {
    /* body already consumed */
  }
  let body: unknown = text || e.errorResponse;
  try {
    body = text ? JSON.parse(text) : body;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

export async function step<T>(name: WalletError['step'], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WalletError) throw err;
    const http = await httpOf(err);
    const msg = (err as Error)?.message ?? String(err);
    const detail = http
      ? `HTTP ${http.status} ${typeof http.body === 'string' ? http.body : JSON.stringify(http.body)}`
      : 'no HTTP error response';
    throw new WalletError(name, http?.status, http?.body, `wallet ${name} step failed: ${detail}\n${msg}`, { cause: err });
  }
}

export async function generateDeviceKey(): Promise<DeviceKey> {
  const { privateKey, publicKey } = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await subtle.exportKey('jwk', publicKey);
  // Only {kty, crv, x, y}: WebCrypto adds key_ops/ext, which must not reach the COSE_Key.
  return { privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
}

async function signEs256(privateKey: CryptoKey, header: object, payload: object): Promise<string> {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  // WebCrypto ECDSA output is raw r||s, which is the JWS ES256 format.
  const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(input));
  return `${input}.${b64u(sig)}`;
}

type WalletCallbacks = Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'>;

function walletCallbacks(deviceKey?: DeviceKey): WalletCallbacks {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    generateRandom: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    hash: async (data, alg) => {
      const name = { 'sha-256': 'SHA-256', 'sha-384': 'SHA-384', 'sha-512': 'SHA-512' }[alg];
      if (!name) throw new Error(`unsupported hash ${alg}`);
      return new Uint8Array(await subtle.digest(name, new Uint8Array(data)));
    },
    signJwt: async (signer: JwtSigner, { header, payload }) => {
      if (!deviceKey || signer.method !== 'jwk' || signer.alg !== 'ES256' || signer.publicJwk.x !== deviceKey.publicJwk.x) {
        throw new Error(`test wallet can only sign ES256 with its device key (signer ${signer.method}/${signer.alg})`);
      }
      return { jwt: await signEs256(deviceKey.privateKey, header, payload), signerJwk: deviceKey.publicJwk };
    },
    clientAuthentication: clientAuthenticationAnonymous(),
  };
}

export function makeClient(deviceKey?: DeviceKey): Openid4vciClient {
  return new Openid4vciClient({ callbacks: walletCallbacks(deviceKey) });
}

/**
 * Resolves the offer (by value or by reference) and metadata, and redeems the pre-authorized code,
 * with `authorizationDetails` in the token request when given (OID4VCI 1.0 §6.1).
 */
export async function getAccessToken(
  offerUri: string,
  options: { txCode?: string; credentialConfigurationId?: string; authorizationDetails?: Record<string, unknown>[] } = {},
): Promise<IssuanceSession> {
  const client = makeClient();
  const offer = await step('offer', () => client.resolveCredentialOffer(offerUri));
  const issuerMetadata = await step('metadata', () => client.resolveIssuerMetadata(offer.credential_issuer));
  const credentialConfigurationId = options.credentialConfigurationId ?? offer.credential_configuration_ids[0];
  if (!credentialConfigurationId)
    throw new WalletError('offer', undefined, offer, 'credential offer lists no credential_configuration_ids');
  const { accessTokenResponse } = await step('token', () =>
    client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata,
      txCode: options.txCode,
      ...(options.authorizationDetails ? { additionalRequestPayload: { authorization_details: options.authorizationDetails } } : {}),
    }),
  );
  return {
    offer,
    issuerMetadata,
    credentialConfigurationId,
    accessToken: accessTokenResponse.access_token,
    tokenResponse: accessTokenResponse,
  };
}

/** Full pre-authorized flow: offer, metadata, token (tx_code), nonce, credential with a jwt proof. */
export async function receiveCredential(
  offerUri: string,
  options: { txCode?: string; deviceKey?: DeviceKey; credentialConfigurationId?: string } = {},
): Promise<WalletResult> {
  return credentialForSession(await getAccessToken(offerUri, options), options.deviceKey);
}

/** Nonce, proof and credential request with an access token already in hand (either grant). */
export async function credentialForSession(
  session: Pick<IssuanceSession, 'issuerMetadata' | 'credentialConfigurationId' | 'accessToken' | 'tokenResponse'>,
  givenDeviceKey?: DeviceKey,
): Promise<WalletResult> {
  const deviceKey = givenDeviceKey ?? (await generateDeviceKey());
  const { issuerMetadata, credentialConfigurationId, accessToken } = session;
  const client = makeClient(deviceKey);

  const nonce = issuerMetadata.credentialIssuer.nonce_endpoint
    ? (await step('nonce', () => client.requestNonce({ issuerMetadata }))).c_nonce
    : (session.tokenResponse.c_nonce as string | undefined);
  const { jwt } = await step('proof', () =>
    client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId,
      signer: { method: 'jwk', alg: 'ES256', publicJwk: deviceKey.publicJwk },
      nonce,
      issuedAt: new Date(),
    }),
  );
  const { credentialResponse } = await step('credential', () =>
    client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId, proofs: { jwt: [jwt] } }),
  );

  // 1.0: {credentials: [{credential}]}; drafts: {credential}.
  const first = credentialResponse.credentials?.[0];
  const credential =
    (first && typeof first === 'object' && 'credential' in first ? first.credential : first) ?? credentialResponse.credential;
  if (typeof credential !== 'string') {
    throw new WalletError(
      'credential',
      200,
      credentialResponse,
      `credential response has no string credential: ${JSON.stringify(credentialResponse)}`,
    );
  }
  return {
    credential,
    issuerSigned: new Uint8Array(Buffer.from(credential, 'base64url')),
    deviceKey,
    accessToken,
    notificationId: credentialResponse.notification_id,
    credentialConfigurationId,
    issuerMetadata,
  };
}

/**
 * OID4VCI 1.0 §8.2: a credential request by credential_identifier (after a token response with
 * authorization_details), one proof per device key, each over a fresh nonce. The library's
 * Openid4vciClient.retrieveCredentials names a credential by credential_configuration_id only, so the
 * request goes through the library's resourceRequest (the call retrieveCredentials makes), with
 * nonces and proofs made by the client; the raw answer is returned, refusals included.
 */
export async function requestByIdentifier(
  session: Pick<IssuanceSession, 'issuerMetadata' | 'credentialConfigurationId' | 'accessToken'>,
  credentialIdentifier: string,
  deviceKeys: DeviceKey[],
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { issuerMetadata, credentialConfigurationId, accessToken } = session;
  const jwts: string[] = [];
  for (const deviceKey of deviceKeys) {
    const client = makeClient(deviceKey);
    const { c_nonce } = await step('nonce', () => client.requestNonce({ issuerMetadata }));
    const { jwt } = await step('proof', () =>
      client.createCredentialRequestJwtProof({
        issuerMetadata,
        credentialConfigurationId,
        signer: { method: 'jwk', alg: 'ES256', publicJwk: deviceKey.publicJwk },
        nonce: c_nonce,
        issuedAt: new Date(),
      }),
    );
    jwts.push(jwt);
  }
  const { response } = await resourceRequest({
    callbacks: walletCallbacks(),
    accessToken,
    url: issuerMetadata.credentialIssuer.credential_endpoint,
    requestOptions: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ credential_identifier: credentialIdentifier, proofs: { jwt: jwts } }),
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function sendNotification(
  result: WalletResult,
  event: 'credential_accepted' | 'credential_failure' | 'credential_deleted',
): Promise<void> {
  if (!result.notificationId) throw new Error('the credential response carried no notification_id');
  const client = makeClient(result.deviceKey);
  await step('notification', () =>
    client.sendNotification({
      issuerMetadata: result.issuerMetadata,
      accessToken: result.accessToken,
      notification: { notificationId: result.notificationId!, event },
    }),
  );
}

/**
 * A proof JWT with chosen fields, signed ES256 by the device key whatever `alg` says
 * (alg 'none' gives an unsigned JWT). Defaults: typ openid4vci-proof+jwt, iat now, jwk header.
 */
export async function createProofJwt(opts: {
  deviceKey: DeviceKey;
  audience: string;
  nonce?: string;
  issuedAt?: Date;
  typ?: string;
  alg?: string;
}): Promise<string> {
  const header = { alg: opts.alg ?? 'ES256', typ: opts.typ ?? 'openid4vci-proof+jwt', jwk: opts.deviceKey.publicJwk };
  const payload: Record<string, unknown> = {
    aud: opts.audience,
    iat: Math.floor((opts.issuedAt ?? new Date()).getTime() / 1000),
    ...(opts.nonce !== undefined ? { nonce: opts.nonce } : {}),
  };
  if (header.alg === 'none') return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.`;
  return signEs256(opts.deviceKey.privateKey, header, payload);
}
