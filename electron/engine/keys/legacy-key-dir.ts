import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCertificateDer, type ParsedCertificate } from './checks/certificate-facts';
import { KEY_FILES, fileExists } from './key-files';
import { PRIVATE_KEYS, privateKeyPresent } from './private-key-files';
import { readCertificate } from './read-key-material';

/** The key names (KeyRef `file` names) of the first layout's two private keys. */
export const LEGACY_KEY_NAMES = { iaca: 'iaca-key', documentSigner: 'document-signer-key' } as const;

export interface LegacyKeyDir {
  iaca: ParsedCertificate;
  documentSigner: ParsedCertificate;
}

/**
 * The key directory as Counter kept it before IACAs and Document Signers were in the database
 * (DESIGN §5: iaca.pem, iaca-key.pem|.sealed, document-signer.pem, document-signer-key.pem|.sealed),
 * to be taken over on the first start of this version. undefined for an empty directory. A partial
 * directory, a Document Signer from another IACA, or key files that belong to no record are errors:
 * an IACA key is never replaced to get past them.
 */
export async function readLegacyKeyDir(keysDir: string): Promise<LegacyKeyDir | undefined> {
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
    const stray = (await fileExists(keysDir)) ? (await readdir(keysDir)).filter((name) => /\.(pem|sealed)$/.test(name)) : [];
    if (stray.length > 0) {
      throw new Error(
        `The key directory ${keysDir} holds keys (${stray.join(', ')}) but the database lists no IACA: restore counter.sqlite ` +
          'from the same backup as the keys. To start over with a new IACA, remove the whole data directory.',
      );
    }
    return undefined;
  }
  if (!present.every((p) => p)) {
    const missing = files.filter((_, i) => !present[i]).map(([name]) => name);
    throw new Error(
      `The issuer key directory ${keysDir} is incomplete: ${missing.join(', ')} missing. ` +
        'Restore the files from a backup; to start over with a new IACA, remove the whole directory.',
    );
  }
  const iaca = await readCertificate(keysDir, KEY_FILES.iacaCertificate);
  const documentSigner = await readCertificate(keysDir, KEY_FILES.documentSignerCertificate);
  if (!(await documentSigner.verify({ publicKey: iaca.publicKey, signatureOnly: true }))) {
    throw new Error(`${join(keysDir, KEY_FILES.documentSignerCertificate)} is not signed by the IACA in ${KEY_FILES.iacaCertificate}`);
  }
  return {
    iaca: parseCertificateDer(new Uint8Array(iaca.rawData)),
    documentSigner: parseCertificateDer(new Uint8Array(documentSigner.rawData)),
  };
}
