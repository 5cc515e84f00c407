/**
 * The engine's one way to sign (DESIGN §10): whoever implements it holds the private key (a sealed
 * file opened in this process, or a PKCS#11 token); the core only ever sees this function.
 */
export interface Es256Signer {
  /** ECDSA P-256 over SHA-256(`data`), as r‖s (64 bytes): the form COSE ES256 (RFC 9053 §2.1) and WebCrypto use. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A Document Signer as the mDoc core needs it: its signer port and its certificate (ISO 18013-5 §9.1.2.4). */
export interface MdocSigner extends Es256Signer {
  certificateDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
}
