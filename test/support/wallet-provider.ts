// A test wallet provider (independent of the engine): a CA with a signing certificate under it,
// or a bare JWK, that issues wallet attestations (OAuth attestation-based client authentication
// §4.1, OID4VCI 1.0 Appendix E) and key attestations (OID4VCI 1.0 Appendix D.1), and a wallet
// instance that signs the attestation PoP (§5.2).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface WalletProvider {
  /** What the admin configures: the provider's CA certificate (PEM) or its public JWK. */
  anchor: { certificatePem: string } | { jwk: Record<string, unknown> };
  /** Signs a JWT the way this provider does (x5c chain without the CA, or kid). */
  sign(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string>;
}

async function ecKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

const name = (cn: string) => `CN=${cn}, O=Test Wallet Provider, C=NZ`;

/** A provider whose attestations chain to a CA certificate through x5c (HAIP §4.4.1). */
export async function certificateWalletProvider(options: { now?: Date; selfSignedLeaf?: boolean } = {}): Promise<WalletProvider> {
  const now = options.now ?? new Date();
  const caKeys = await ecKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8)
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: name('Test Wallet Provider CA'),
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 365 * DAY),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const leafKeys = options.selfSignedLeaf ? caKeys : await ecKeys();
  const leaf = options.selfSignedLeaf
    ? ca
    : await x509.X509CertificateGenerator.create({
        serialNumber: randomBytes(8)
          .toString('hex')
          .replace(/^[89a-f]/, '2'),
        subject: name('Test Wallet Attestation Signer'),
        issuer: ca.subject,
        notBefore: new Date(now.getTime() - DAY),
        notAfter: new Date(now.getTime() + 90 * DAY),
        publicKey: leafKeys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: ALG,
        extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
      });
  const x5c = [Buffer.from(leaf.rawData).toString('base64')];
  return {
    anchor: { certificatePem: ca.toString('pem') },
    sign: (header, payload) => new SignJWT(payload).setProtectedHeader({ alg: 'ES256', x5c, ...header } as never).sign(leafKeys.privateKey),
  };
}

/** A provider known by its public JWK (with a kid). */
export async function jwkWalletProvider(): Promise<WalletProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: `wp-${randomBytes(4).toString('hex')}` };
  return {
    anchor: { jwk },
    sign: (header, payload) => new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: jwk.kid, ...header } as never).sign(privateKey),
  };
}

export interface WalletInstance {
  clientId: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** The OAuth-Client-Attestation header value. */
  attestation: string;
  /** A fresh OAuth-Client-Attestation-PoP for this audience (§5.2). */
  pop(audience: string, overrides?: Record<string, unknown>): Promise<string>;
}

/** A wallet instance with its key and an attestation of it from `provider`. */
export async function attestedWallet(
  provider: WalletProvider,
  options: { clientId?: string; expiresInSeconds?: number; instanceKey?: { privateKey: CryptoKey; publicJwk: JWK } } = {},
): Promise<WalletInstance> {
  const key = options.instanceKey ?? (await instanceKey());
  const clientId = options.clientId ?? 'https://wallet.example/test-wallet';
  const iat = Math.floor(Date.now() / 1000);
  const attestation = await provider.sign(
    { typ: 'oauth-client-attestation+jwt' },
    {
      iss: 'https://wallet-provider.example',
      sub: clientId,
      iat,
      exp: iat + (options.expiresInSeconds ?? 3600),
      wallet_name: 'Test Wallet',
      cnf: { jwk: key.publicJwk },
    },
  );
  return {
    clientId,
    ...key,
    attestation,
    pop: (audience, overrides = {}) =>
      new SignJWT({ aud: audience, jti: randomBytes(16).toString('base64url'), iat: Math.floor(Date.now() / 1000), ...overrides })
        .setProtectedHeader({ alg: 'ES256', typ: 'oauth-client-attestation-pop+jwt' })
        .sign(key.privateKey),
  };
}

async function instanceKey(): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { privateKey, publicJwk: { kty, crv, x, y } };
}

/** OID4VCI 1.0 Appendix D.1: a key attestation for these public keys. */
export function keyAttestation(
  provider: WalletProvider,
  keys: JWK[],
  options: { nonce?: string; expiresInSeconds?: number; claims?: Record<string, unknown> } = {},
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return provider.sign(
    { typ: 'key-attestation+jwt' },
    {
      iss: 'https://wallet-provider.example',
      iat,
      exp: iat + (options.expiresInSeconds ?? 600),
      attested_keys: keys,
      key_storage: ['iso_18045_moderate'],
      user_authentication: ['iso_18045_moderate'],
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...options.claims,
    },
  );
}
