// The wallet protocol's port (DESIGN §12): trusted wallet providers and the wallet policy's settings.
// Part of the engine's ports to storage (./store.ts), which re-exports it.

/** A wallet provider this issuer trusts (DESIGN §12): the trust anchor of wallet and key attestations. */
export interface WalletProviderRecord {
  id: string;
  name: string;
  kind: 'certificate' | 'jwk';
  /** The CA certificate as PEM, or the public JWK as JSON. */
  material: string;
  /** SHA-256 of the certificate's DER (hex), or the JWK's RFC 7638 thumbprint: one record per anchor. */
  fingerprint: string;
  createdAt: number;
}

/**
 * What the wallet protocol (DESIGN §12) keeps in the database, so that every process on it agrees
 * (DESIGN §13): the trusted wallet providers, and named settings (the wallet policy as JSON; the
 * key of the stateless DPoP nonces).
 */
export interface WalletProtocolStore {
  /** Oldest first. */
  listProviders(): Promise<WalletProviderRecord[]>;
  /** false when a provider with this fingerprint is already registered. */
  insertProvider(provider: WalletProviderRecord): Promise<boolean>;
  deleteProvider(id: string): Promise<boolean>;
  getSetting(name: string): Promise<string | undefined>;
  putSetting(name: string, value: string, now: number): Promise<void>;
  /** Stores `value` unless the name has one already; the value stored (so that concurrent first starts agree on one). */
  settingOnce(name: string, value: string, now: number): Promise<string>;
}
