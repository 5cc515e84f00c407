import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { ECDSA_P256 } from './certificate-profiles';
import { readKeyFile, type KeyFileName } from './key-files';
import { pemDecode } from './pem';

export async function readCertificate(dir: string, name: KeyFileName): Promise<x509.X509Certificate> {
  const path = join(dir, name);
  const der = pemDecode(await readKeyFile(dir, name), 'CERTIFICATE', path);
  try {
    return new x509.X509Certificate(der);
  } catch (error) {
    throw new Error(`${path}: not a valid X.509 certificate (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Reads a PKCS#8 P-256 private key and checks that it belongs to `certificate`, so a mixed-up
 * key directory fails at start-up rather than producing mDocs no reader accepts. Not extractable.
 */
export async function readPrivateKey(dir: string, name: KeyFileName, certificate: x509.X509Certificate): Promise<CryptoKey> {
  const path = join(dir, name);
  const der = pemDecode(await readKeyFile(dir, name), 'PRIVATE KEY', path);
  let spki: Buffer;
  try {
    const keyObject = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
    if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('not an EC P-256 key');
    }
    spki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  } catch (error) {
    throw new Error(`${path}: not a valid PKCS#8 P-256 private key (${(error as Error).message})`, { cause: error });
  }
  if (!spki.equals(Buffer.from(certificate.publicKey.rawData))) {
    throw new Error(`${path} does not belong to the certificate next to it (its public key differs)`);
  }
  return crypto.subtle.importKey('pkcs8', der, ECDSA_P256, false, ['sign']);
}
