import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import {
  KEY_FILES,
  SEALED_KEY_FILES,
  assertKeyFileName,
  fileExists,
  readKeyFile,
  removeKeyFile,
  writeKeyFilesAtomically,
  type KeyFileName,
} from './key-files';
import { protectionHint, type KeyProtection } from './key-protection';
import { pemEncode } from './pem';
import { privateKeyFromDer, readPlainKeyDer } from './read-key-material';
import { decodeSealedKeyFile, encodeSealedKeyFile } from './sealed-key-file';

/** One private key of the key directory: a plain `*-key.pem`, or with a KeyProtection a `*-key.sealed`. */
export interface PrivateKeySlot {
  label: string;
  plain: KeyFileName;
  sealed: KeyFileName;
}

/** The slot of key `name`: `<name>.pem` in clear, `<name>.sealed` with a KeyProtection. */
export function keySlot(name: string, label: string): PrivateKeySlot {
  return { label, plain: assertKeyFileName(`${name}.pem`), sealed: assertKeyFileName(`${name}.sealed`) };
}

/** The two keys of the key directory's first layout (KEY_FILES), as slots. */
export const PRIVATE_KEYS = {
  iaca: { label: 'IACA private key', plain: KEY_FILES.iacaKey, sealed: SEALED_KEY_FILES.iacaKey },
  documentSigner: { label: 'Document Signer private key', plain: KEY_FILES.documentSignerKey, sealed: SEALED_KEY_FILES.documentSignerKey },
} as const satisfies Record<string, PrivateKeySlot>;

export interface KeysAtRest {
  /** Without it, private keys are PKCS#8 PEM files readable by the owner only (as before they were sealed). */
  protection?: KeyProtection;
  /** Hears about migrations: names files and protections, never key material. */
  log?: (message: string) => void;
}

export async function privateKeyPresent(dir: string, slot: PrivateKeySlot): Promise<boolean> {
  const [plain, sealed] = await Promise.all([fileExists(join(dir, slot.plain)), fileExists(join(dir, slot.sealed))]);
  return plain || sealed;
}

/** The file that keeps `key` at rest. With a protection the key never reaches the disk in clear. */
export async function privateKeyFile(
  slot: PrivateKeySlot,
  key: KeyObject,
  protection: KeyProtection | undefined,
): Promise<[KeyFileName, string]> {
  const der = new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
  try {
    return protection ? [slot.sealed, await sealedContents(der, protection)] : [slot.plain, pemEncode(der, 'PRIVATE KEY')];
  } finally {
    der.fill(0);
  }
}

/**
 * Loads one private key (checked against the public key `spki`, from its certificate or request) as it is found at rest:
 * - sealed: needs the protection named in the file; a wrong or missing one is an error and nothing is touched;
 * - plain, no protection: read as always;
 * - plain, with a protection: sealed into `*-key.sealed` (atomically, 0600), then the plain file is removed;
 * - both (a migration interrupted between those two steps): the sealed one wins, the plain copy goes.
 */
export async function loadPrivateKey(dir: string, slot: PrivateKeySlot, spki: Uint8Array, atRest: KeysAtRest): Promise<KeyObject> {
  const { protection, log } = atRest;
  if (await fileExists(join(dir, slot.sealed))) {
    const key = await openSealedKey(dir, slot, spki, protection);
    if (await fileExists(join(dir, slot.plain))) {
      // Only the same key may go: its public key must match the certificate too.
      await withPlainDer(dir, slot, async (der) => privateKeyFromDer(der, join(dir, slot.plain), spki)).catch((error: unknown) => {
        throw new Error(
          `Both ${join(dir, slot.sealed)} and ${join(dir, slot.plain)} exist and the plain one is not the same key (${(error as Error).message}). ` +
            `Move ${slot.plain} out of the key directory.`,
          { cause: error },
        );
      });
      await removeKeyFile(dir, slot.plain);
      log?.(`Removed ${slot.plain}: an interrupted encryption of the ${slot.label} had left it next to ${slot.sealed}`);
    }
    return key;
  }

  return withPlainDer(dir, slot, async (der) => {
    const key = privateKeyFromDer(der, join(dir, slot.plain), spki);
    if (protection) {
      // Sealed copy durable first, plain copy removed second: a crash in between leaves both (handled above).
      await writeKeyFilesAtomically(dir, [[slot.sealed, await sealedContents(der, protection)]]);
      await removeKeyFile(dir, slot.plain);
      log?.(`Encrypted the ${slot.label} at rest with "${protection.name}": ${slot.plain} replaced by ${slot.sealed}`);
    }
    return key;
  });
}

async function withPlainDer<T>(dir: string, slot: PrivateKeySlot, use: (der: Uint8Array<ArrayBuffer>) => Promise<T>): Promise<T> {
  const der = await readPlainKeyDer(dir, slot.plain);
  try {
    return await use(der);
  } finally {
    der.fill(0);
  }
}

async function openSealedKey(
  dir: string,
  slot: PrivateKeySlot,
  spki: Uint8Array,
  protection: KeyProtection | undefined,
): Promise<KeyObject> {
  const path = join(dir, slot.sealed);
  const file = decodeSealedKeyFile(await readKeyFile(dir, slot.sealed), path);
  if (!protection) {
    throw new Error(`The ${slot.label} ${path} is encrypted ("${file.protection}" protection); ${protectionHint(file.protection)}.`);
  }
  if (file.protection !== protection.name) {
    throw new Error(
      `The ${slot.label} ${path} is sealed with "${file.protection}" protection, but Counter was started with "${protection.name}"; ` +
        `${protectionHint(file.protection)}.`,
    );
  }
  let opened: Uint8Array;
  try {
    opened = await protection.open(file.sealed);
  } catch (error) {
    throw new Error(`Cannot open the ${slot.label} ${path}: ${(error as Error).message}`, { cause: error });
  }
  const der = new Uint8Array(opened);
  opened.fill(0);
  try {
    return privateKeyFromDer(der, path, spki);
  } finally {
    der.fill(0);
  }
}

/** Seals and proves the seal opens again before anything is written (or a plain copy removed). */
async function sealedContents(der: Uint8Array, protection: KeyProtection): Promise<string> {
  const sealed = await protection.seal(der);
  let reopened: Uint8Array;
  try {
    reopened = await protection.open(sealed);
  } catch (error) {
    throw new Error(`The "${protection.name}" key protection cannot open what it just sealed (${(error as Error).message})`, {
      cause: error,
    });
  }
  const same = reopened.length === der.length && reopened.every((byte, i) => byte === der[i]);
  if (reopened.buffer !== sealed.buffer && reopened.buffer !== der.buffer) reopened.fill(0);
  if (!same) throw new Error(`The "${protection.name}" key protection does not give back what it sealed`);
  return encodeSealedKeyFile({ protection: protection.name, sealed });
}
