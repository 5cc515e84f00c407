import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The four files of the key directory before IACAs and Document Signers were kept in the database (DESIGN §5). */
export const KEY_FILES = {
  iacaCertificate: 'iaca.pem',
  iacaKey: 'iaca-key.pem',
  documentSignerCertificate: 'document-signer.pem',
  documentSignerKey: 'document-signer-key.pem',
} as const;

/** With a KeyProtection the private keys live here instead, sealed (see sealed-key-file.ts). */
export const SEALED_KEY_FILES = {
  iacaKey: 'iaca-key.sealed',
  documentSignerKey: 'document-signer-key.sealed',
} as const;

/** A file directly inside the key directory: lower-case letters, digits, "." and "-" (never a path). */
export type KeyFileName = string;

const KEY_FILE_NAME = /^[a-z0-9][a-z0-9.-]{0,127}$/;

export function assertKeyFileName(name: string): KeyFileName {
  if (!KEY_FILE_NAME.test(name)) throw new Error(`"${name}" is not a key file name (a-z, 0-9, ".", "-")`);
  return name;
}

/** Creates the directory if needed and makes it owner-only (DESIGN §6). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new Error(`${path}: cannot be read (${(error as Error).message})`, { cause: error });
  }
}

export async function readKeyFile(dir: string, name: KeyFileName): Promise<string> {
  const path = join(dir, assertKeyFileName(name));
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot be read (${(error as Error).message})`, { cause: error });
  }
}

/** Writes `<name>.tmp-…` (0600), flushes it, then renames it into place so a crash never leaves half a file. */
export async function writeTempFile(dir: string, name: KeyFileName, contents: string): Promise<string> {
  const temp = join(dir, `${assertKeyFileName(name)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(temp, 0o600); // the open() mode is subject to umask
  return temp;
}

/**
 * Writes several files so that each is complete when it appears: all temp files first, then the
 * renames in the given order (a crash between renames leaves whole files, never torn ones).
 */
export async function writeKeyFilesAtomically(dir: string, files: [KeyFileName, string][]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const [name, contents] of files) temps.push(await writeTempFile(dir, name, contents));
    for (const [index, [name]] of files.entries()) await rename(temps[index]!, join(dir, name));
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    throw error;
  }
  await syncDir(dir);
}

/** Removes a file and makes the removal durable. */
export async function removeKeyFile(dir: string, name: KeyFileName): Promise<void> {
  await rm(join(dir, assertKeyFileName(name)), { force: true });
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
