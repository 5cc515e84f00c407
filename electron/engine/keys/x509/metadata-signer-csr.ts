import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import { ECDSA_P256, ECDSA_SHA256 } from '../certificate-profiles';
import type { KeyToCertify } from './build-certificates';
import { signerCrypto } from './signer-crypto';

/**
 * The PKCS#10 request (RFC 2986) for the metadata signing key (DESIGN §12): subject C, O and CN,
 * signed by the key itself through its signer port (a key file or a PKCS#11 token alike). What the
 * certificate says beyond that is the CA's to decide; HAIP §4.1 only needs it not self-signed.
 */
export async function createMetadataSignerCsr(options: {
  key: KeyToCertify;
  commonName: string;
  country: string;
  organization?: string;
}): Promise<Uint8Array> {
  const { crypto, key } = signerCrypto(options.key.signer);
  const publicKey = await globalThis.crypto.subtle.importKey('spki', new Uint8Array(options.key.publicKeySpki), ECDSA_P256, true, [
    'verify',
  ]);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: new x509.Name([
        { C: [{ printableString: options.country }] },
        ...(options.organization ? [{ O: [{ utf8String: options.organization }] }] : []),
        { CN: [{ utf8String: options.commonName }] },
      ]),
      keys: { publicKey, privateKey: key },
      signingAlgorithm: ECDSA_SHA256,
    },
    crypto,
  );
  return new Uint8Array(csr.rawData);
}
