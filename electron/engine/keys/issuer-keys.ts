import type * as x509 from '@peculiar/x509';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RENEW_BEFORE_MS } from './certificate-profiles';
import { createDocumentSigner, createIaca, type CertificateAndKeys } from './create-certificates';
import { KEY_FILES, ensurePrivateDir, fileExists, writeKeyFilesAtomically, type KeyFileName } from './key-files';
import type { KeyProtection } from './key-protection';
import { PRIVATE_KEYS, loadPrivateKey, privateKeyFile, privateKeyPresent, type KeysAtRest } from './private-key-files';
import { readCertificate } from './read-key-material';
import { zProtectionName } from './sealed-key-file';

export type { KeyProtection } from './key-protection';
export { KEY_PASSPHRASE_ENV, SAFE_STORAGE_PROTECTION, passphraseProtection } from './key-protection';

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
  /**
   * Encrypts the private keys at rest (DESIGN §6): `passphraseProtection(...)` headless, `safeStorage` in
   * Electron. Plain keys found on disk are then sealed and removed. Without it, keys stay PKCS#8 PEM
   * (0600) and a sealed key is an error: nothing is ever regenerated or overwritten to get past it.
   */
  protection?: KeyProtection;
  /** Hears about key migrations (file and protection names only, never key material). */
  log?: (message: string) => void;
  /** When set, a directory without keys is an error saying why (DESIGN §8: never a silent new IACA). */
  refuseToCreate?: string;
}

/**
 * DESIGN §5: the IACA root and Document Signer live in `keysDir` (0700, files 0600). The first call
 * creates them; later calls load them, renewing the Document Signer under the same IACA when it has
 * expired or is about to. A partial or unreadable directory is an error: the IACA key is never replaced.
 */
export async function loadOrCreateIssuerKeys(keysDir: string, options: IssuerKeyOptions): Promise<IssuerKeys> {
  if (options.protection && !zProtectionName.safeParse(options.protection.name).success) {
    throw new Error(`Key protection name "${options.protection.name}" must be a short lower-case name (a-z, 0-9, ".", "-")`);
  }
  const atRest: KeysAtRest = { protection: options.protection, log: options.log };
  await ensurePrivateDir(keysDir);
  const files: [string, () => Promise<boolean>][] = [
    [KEY_FILES.iacaCertificate, () => fileExists(join(keysDir, KEY_FILES.iacaCertificate))],
    [`${PRIVATE_KEYS.iaca.plain} (or ${PRIVATE_KEYS.iaca.sealed})`, () => privateKeyPresent(keysDir, PRIVATE_KEYS.iaca)],
    [KEY_FILES.documentSignerCertificate, () => fileExists(join(keysDir, KEY_FILES.documentSignerCertificate))],
    [
      `${PRIVATE_KEYS.documentSigner.plain} (or ${PRIVATE_KEYS.documentSigner.sealed})`,
      () => privateKeyPresent(keysDir, PRIVATE_KEYS.documentSigner),
    ],
  ];
  const present = await Promise.all(files.map(([, exists]) => exists()));
  if (present.every((p) => !p)) {
    if (options.refuseToCreate) {
      throw new Error(
        `No issuer keys in ${keysDir}, but ${options.refuseToCreate}. Restore the keys directory from a backup; ` +
          'to start over with a new IACA, move the whole data dir aside (readers must then be given the new IACA).',
      );
    }
    await createAll(keysDir, options);
  } else if (!present.every((p) => p)) {
    const missing = files.filter((_, i) => !present[i]).map(([name]) => name);
    throw new Error(
      `The issuer key directory ${keysDir} is incomplete: ${missing.join(', ')} missing. ` +
        'Restore the files from a backup; to start over with a new IACA, remove the whole directory.',
    );
  }

  // Whatever was just written is read back, so a fresh start and a restart take the same path.
  const iaca = await readCertificate(keysDir, KEY_FILES.iacaCertificate);
  const iacaPrivateKey = await loadPrivateKey(keysDir, PRIVATE_KEYS.iaca, iaca, atRest);
  let signer = await loadDocumentSigner(keysDir, iaca, atRest);
  if (options.now.getTime() > signer.certificate.notAfter.getTime() - RENEW_BEFORE_MS) {
    assertIacaUsable(iaca, options.now, join(keysDir, KEY_FILES.iacaCertificate));
    const renewed = await createDocumentSigner({ now: options.now, commonName: documentSignerName(options), iaca, iacaPrivateKey });
    await writeKeyFilesAtomically(keysDir, await documentSignerFiles(renewed, options.protection));
    signer = await loadDocumentSigner(keysDir, iaca, atRest);
  }
  return issuerKeys(iaca, signer.certificate, signer.privateKey);
}

async function loadDocumentSigner(keysDir: string, iaca: x509.X509Certificate, atRest: KeysAtRest) {
  const certificate = await readCertificate(keysDir, KEY_FILES.documentSignerCertificate);
  if (!(await certificate.verify({ publicKey: iaca.publicKey, signatureOnly: true }))) {
    throw new Error(`${join(keysDir, KEY_FILES.documentSignerCertificate)} is not signed by the IACA in ${KEY_FILES.iacaCertificate}`);
  }
  const privateKey = await loadPrivateKey(keysDir, PRIVATE_KEYS.documentSigner, certificate, atRest);
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
    await privateKeyFile(PRIVATE_KEYS.iaca, iaca.keys.privateKey, options.protection),
    [KEY_FILES.iacaCertificate, iaca.certificate.toString('pem')],
    ...(await documentSignerFiles(signer, options.protection)),
  ]);
}

const documentSignerName = (options: IssuerKeyOptions) => `${options.issuerName.trim()} Document Signer`;

async function documentSignerFiles(signer: CertificateAndKeys, protection: KeyProtection | undefined): Promise<[KeyFileName, string][]> {
  return [
    await privateKeyFile(PRIVATE_KEYS.documentSigner, signer.keys.privateKey, protection),
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
