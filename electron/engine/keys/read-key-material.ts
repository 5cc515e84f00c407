import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { readKeyFile, type KeyFileName } from './key-files';
import { KEY_PASSPHRASE_ENV } from './key-protection';
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

/** The DER inside a plain `*-key.pem` (PKCS#8 "PRIVATE KEY"). */
export async function readPlainKeyDer(dir: string, name: KeyFileName): Promise<Uint8Array<ArrayBuffer>> {
  const path = join(dir, name);
  const text = await readKeyFile(dir, name);
  if (text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new Error(
      `${path} is an encrypted PKCS#8 key, which Counter does not read. Put it back decrypted (openssl pkey -in <encrypted file> -out ${name}) ` +
        `and start Counter with its key protection (${KEY_PASSPHRASE_ENV}, or the desktop app): Counter then seals it itself.`,
    );
  }
  return pemDecode(text, 'PRIVATE KEY', path);
}

/**
 * A PKCS#8 P-256 private key (from a plain file, or a sealed one once opened), checked against the
 * public key `expectedSpki` (from its certificate or request), so a mixed-up key directory fails at
 * start-up rather than producing mDocs no reader accepts. `path` names the file in errors.
 */
export function privateKeyFromDer(der: Uint8Array<ArrayBuffer>, path: string, expectedSpki: Uint8Array): KeyObject {
  let spki: Buffer;
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: 'pkcs8' });
    if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('not an EC P-256 key');
    }
    spki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  } catch (error) {
    throw new Error(`${path}: not a valid PKCS#8 P-256 private key (${(error as Error).message})`, { cause: error });
  }
  if (!spki.equals(expectedSpki)) {
    throw new Error(`${path} does not belong to its certificate (its public key differs)`);
  }
  return keyObject;
}
