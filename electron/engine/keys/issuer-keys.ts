import type * as x509 from '@peculiar/x509';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RENEW_BEFORE_MS } from './certificate-profiles';
import { createDocumentSigner, createIaca, type CertificateAndKeys } from './create-certificates';
import { KEY_FILES, ensurePrivateDir, fileExists, writeKeyFilesAtomically, type KeyFileName } from './key-files';
import { pemEncode } from './pem';
import { readCertificate, readPrivateKey } from './read-key-material';

export interface IssuerKeys {
  iaca: { id: string; certificatePem: string; certificateDer: Uint8Array };
  documentSigner: { certificatePem: string; certificateDer: Uint8Array; privateKey: CryptoKey; notBefore: Date; notAfter: Date };
}

export interface IssuerKeyOptions {
  now: Date;
  issuerName: string;
  /** ISO 3166-1 alpha-2, e.g. "NZ". */
  country: string;
  /** Annex B issuerAltName (URI), e.g. the credential issuer URL. */
  issuerAltNameUri: string;
}

/**
 * DESIGN §5: the IACA root and Document Signer live in `keysDir` (0700, files 0600). The first call
 * creates them; later calls load them, renewing the Document Signer under the same IACA when it has
 * expired or is about to. A partial or unreadable directory is an error: the IACA key is never replaced.
 */
export async function loadOrCreateIssuerKeys(keysDir: string, options: IssuerKeyOptions): Promise<IssuerKeys> {
  await ensurePrivateDir(keysDir);
  const names = Object.values(KEY_FILES);
  const present = await Promise.all(names.map((name) => fileExists(join(keysDir, name))));
  if (present.every((p) => !p)) {
    await createAll(keysDir, options);
  } else if (!present.every((p) => p)) {
    const missing = names.filter((_, i) => !present[i]);
    throw new Error(
      `The issuer key directory ${keysDir} is incomplete: ${missing.join(', ')} missing. ` +
        'Restore the files from a backup; to start over with a new IACA, remove the whole directory.',
    );
  }

  // Whatever was just written is read back, so a fresh start and a restart take the same path.
  const iaca = await readCertificate(keysDir, KEY_FILES.iacaCertificate);
  const iacaPrivateKey = await readPrivateKey(keysDir, KEY_FILES.iacaKey, iaca);
  let signer = await loadDocumentSigner(keysDir, iaca);
  if (options.now.getTime() > signer.certificate.notAfter.getTime() - RENEW_BEFORE_MS) {
    assertIacaUsable(iaca, options.now, join(keysDir, KEY_FILES.iacaCertificate));
    const renewed = await createDocumentSigner({ now: options.now, commonName: documentSignerName(options), iaca, iacaPrivateKey });
    await writeKeyFilesAtomically(keysDir, await documentSignerFiles(renewed));
    signer = await loadDocumentSigner(keysDir, iaca);
  }
  return issuerKeys(iaca, signer.certificate, signer.privateKey);
}

async function loadDocumentSigner(keysDir: string, iaca: x509.X509Certificate) {
  const certificate = await readCertificate(keysDir, KEY_FILES.documentSignerCertificate);
  const privateKey = await readPrivateKey(keysDir, KEY_FILES.documentSignerKey, certificate);
  if (!(await certificate.verify({ publicKey: iaca.publicKey, signatureOnly: true }))) {
    throw new Error(`${join(keysDir, KEY_FILES.documentSignerCertificate)} is not signed by the IACA in ${KEY_FILES.iacaCertificate}`);
  }
  return { certificate, privateKey };
}

async function createAll(keysDir: string, options: IssuerKeyOptions): Promise<void> {
  const iaca = await createIaca({
    now: options.now,
    commonName: `${options.issuerName.trim()} IACA`,
    country: options.country,
    issuerAltNameUri: options.issuerAltNameUri,
  });
  const signer = await createDocumentSigner({
    now: options.now,
    commonName: documentSignerName(options),
    iaca: iaca.certificate,
    iacaPrivateKey: iaca.keys.privateKey,
  });
  // Keys before certificates, so that a crash part-way leaves a directory we refuse rather than misuse.
  await writeKeyFilesAtomically(keysDir, [
    [KEY_FILES.iacaKey, await privateKeyPem(iaca.keys.privateKey)],
    [KEY_FILES.iacaCertificate, iaca.certificate.toString('pem')],
    ...(await documentSignerFiles(signer)),
  ]);
}

const documentSignerName = (options: IssuerKeyOptions) => `${options.issuerName.trim()} Document Signer`;

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return pemEncode(new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)), 'PRIVATE KEY');
}

async function documentSignerFiles(signer: CertificateAndKeys): Promise<[KeyFileName, string][]> {
  return [
    [KEY_FILES.documentSignerKey, await privateKeyPem(signer.keys.privateKey)],
    [KEY_FILES.documentSignerCertificate, signer.certificate.toString('pem')],
  ];
}

function assertIacaUsable(iaca: x509.X509Certificate, now: Date, path: string): void {
  if (now.getTime() > iaca.notAfter.getTime() - RENEW_BEFORE_MS) {
    throw new Error(
      `The IACA certificate ${path} expires ${iaca.notAfter.toISOString()}, so no Document Signer can be renewed under it. ` +
        'A new IACA is needed (move the key directory aside to create one, and redistribute the new IACA to readers).',
    );
  }
}

function issuerKeys(iaca: x509.X509Certificate, signer: x509.X509Certificate, signerKey: CryptoKey): IssuerKeys {
  const iacaDer = new Uint8Array(iaca.rawData);
  return {
    iaca: {
      id: createHash('sha256').update(iacaDer).digest('hex'),
      certificatePem: iaca.toString('pem'),
      certificateDer: iacaDer,
    },
    documentSigner: {
      certificatePem: signer.toString('pem'),
      certificateDer: new Uint8Array(signer.rawData),
      privateKey: signerKey,
      notBefore: signer.notBefore,
      notAfter: signer.notAfter,
    },
  };
}
