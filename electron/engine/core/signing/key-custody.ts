import type { Es256Signer } from './es256-signer';
import type { KeyRef } from './key-ref';

/** A P-256 key just made: where it is kept, its public key (SPKI DER) and its signer. */
export interface GeneratedKey {
  ref: KeyRef;
  publicKeySpki: Uint8Array;
  signer: Es256Signer;
}

/**
 * Where private keys are made and kept (DESIGN §10): files in the key directory, or a PKCS#11 token.
 * Nothing outside a custody touches key material; everything else gets an Es256Signer.
 */
export interface KeyCustody {
  readonly kind: KeyRef['custody'];
  /** For logs and the Trust screen, e.g. `PKCS#11 token "counter" (SoftHSM project)`; never a PIN. */
  readonly description: string;
  /** Makes a new key pair; `name` is a short lower-case identifier (a file name, a token label). */
  generate(name: string): Promise<GeneratedKey>;
  /** The signer of an existing key, after proving it signs for `publicKeySpki` (a mixed-up key fails here, not in a verifier). */
  open(ref: KeyRef, publicKeySpki: Uint8Array, label: string): Promise<Es256Signer>;
  close(): Promise<void>;
}

/** The custodies a kiosk has: files always (the managed IACA's key), and the one new signer keys go to. */
export interface KeyVault {
  files: KeyCustody;
  /** Where new Document Signer (and status-list signer) keys are generated: the token when configured, else files. */
  signerKeys: KeyCustody;
  open(ref: KeyRef, publicKeySpki: Uint8Array, label: string): Promise<Es256Signer>;
  close(): Promise<void>;
}
