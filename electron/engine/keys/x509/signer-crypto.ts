import type { Es256Signer } from '../../core/signing/es256-signer';
import { ECDSA_P256 } from '../certificate-profiles';

/**
 * @peculiar/x509 signs certificates, CSRs and CRLs through a WebCrypto `Crypto` it is handed. This
 * one is node's WebCrypto except that signing with `key` goes to the Es256Signer port, so the same
 * builders work for a key in a file and a key in a PKCS#11 token. `key` is a stand-in: it carries the
 * algorithm @peculiar/x509 reads, and no key material.
 */
export function signerCrypto(signer: Es256Signer): { crypto: Crypto; key: CryptoKey } {
  const key = { algorithm: { ...ECDSA_P256 }, type: 'private', extractable: false, usages: ['sign'] } as unknown as CryptoKey;
  const subtle = globalThis.crypto.subtle;
  const portSubtle = Object.create(subtle) as SubtleCrypto;
  portSubtle.sign = async (algorithm, signingKey, data) => {
    if (signingKey !== key) return subtle.sign(algorithm, signingKey, data);
    const hash = typeof algorithm === 'object' ? (algorithm as EcdsaParams).hash : undefined;
    const hashName = typeof hash === 'string' ? hash : hash?.name;
    if (hashName !== 'SHA-256') throw new Error(`this signer signs ES256 only, not ${String(hashName)}`);
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const signature = await signer.sign(bytes);
    return signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.byteLength) as ArrayBuffer;
  };
  for (const name of ['digest', 'exportKey', 'importKey', 'verify', 'generateKey'] as const) {
    (portSubtle as unknown as Record<string, unknown>)[name] = (subtle[name] as (...args: unknown[]) => unknown).bind(subtle);
  }
  const crypto = {
    subtle: portSubtle,
    getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
    randomUUID: globalThis.crypto.randomUUID.bind(globalThis.crypto),
  } as Crypto;
  return { crypto, key };
}
