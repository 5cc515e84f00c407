import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateIssuerKeys, passphraseProtection, type IssuerKeyOptions, type IssuerKeys, type KeyProtection } from './issuer-keys';
import { KEY_FILES, SEALED_KEY_FILES } from './key-files';

// DESIGN §6: private keys encrypted at rest. Real temp directories, real files.

const NOW = new Date('2026-03-01T10:00:00.500Z');
const OPTIONS: IssuerKeyOptions = { now: NOW, issuerName: 'Counter Test', country: 'NZ', issuerAltNameUri: 'http://192.168.1.20:8787' };
const DAY = 86_400_000;
const FAST = { log2N: 14 }; // the default cost is covered in key-protection.test.ts
const ES256 = { name: 'ECDSA', hash: 'SHA-256' };
const PLAIN_KEYS = [KEY_FILES.iacaKey, KEY_FILES.documentSignerKey];
const SEALED_KEYS = [SEALED_KEY_FILES.iacaKey, SEALED_KEY_FILES.documentSignerKey];

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'counter-keys-at-rest-'));
  dir = join(root, 'keys');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const withPassphrase = (passphrase: string): IssuerKeyOptions => ({ ...OPTIONS, protection: passphraseProtection(passphrase, FAST) });

/** Every file of the directory with its contents and mtime, to prove a refused start touched nothing. */
async function snapshot(path: string) {
  const names = (await readdir(path)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(path, name), 'utf8'), mtimeMs: (await stat(join(path, name))).mtimeMs })),
  );
}

async function expectSigns(keys: IssuerKeys, certificateDer: Uint8Array = keys.documentSigner.certificateDer) {
  const data = new TextEncoder().encode('to be signed');
  const signature = await crypto.subtle.sign(ES256, keys.documentSigner.privateKey, data);
  const publicKey = await new x509.X509Certificate(new Uint8Array(certificateDer)).publicKey.export();
  expect(await crypto.subtle.verify(ES256, publicKey, signature, data)).toBe(true);
}

/**
 * What Electron's main process does with safeStorage (encryptString/decryptString take and give a
 * string and a Buffer), here with AES-256-GCM under a test key standing in for the OS key store.
 */
function fakeSafeStorage(osKey: Buffer) {
  return {
    encryptString(text: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]);
    },
    decryptString(encrypted: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', osKey, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
      return Buffer.concat([decipher.update(encrypted.subarray(12, encrypted.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}
function safeStorageProtection(storage: ReturnType<typeof fakeSafeStorage>): KeyProtection {
  return {
    name: 'test-safe-storage',
    seal: (plain) => storage.encryptString(Buffer.from(plain).toString('base64')),
    open: (sealed) => Buffer.from(storage.decryptString(Buffer.from(sealed)), 'base64'),
  };
}

describe('private keys at rest, with a passphrase', () => {
  it('writes only sealed private keys (0600, never in clear), and loads them on the next start', async () => {
    const first = await loadOrCreateIssuerKeys(dir, withPassphrase('branch 42 secret'));
    expect(await mode(dir)).toBe(0o700);
    expect((await readdir(dir)).sort()).toEqual([KEY_FILES.documentSignerCertificate, ...SEALED_KEYS, KEY_FILES.iacaCertificate].sort());
    for (const name of [...SEALED_KEYS, KEY_FILES.iacaCertificate, KEY_FILES.documentSignerCertificate])
      expect(await mode(join(dir, name)), name).toBe(0o600);
    for (const { name, text } of await snapshot(dir)) expect(text, name).not.toMatch(/PRIVATE KEY/);

    const header = JSON.parse(await readFile(join(dir, SEALED_KEY_FILES.iacaKey), 'utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'counter-sealed-private-key', version: 1, protection: 'passphrase', contents: 'pkcs8-der' });
    // The sealed bytes do not contain the key: open them and look for the DER in every file.
    const der = await passphraseProtection('branch 42 secret').open(Buffer.from(header.sealed as string, 'base64'));
    const privateScalar = Buffer.from(
      createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d!,
      'base64url',
    );
    expect(privateScalar.length).toBe(32);
    for (const { name } of await snapshot(dir)) {
      const bytes = await readFile(join(dir, name));
      expect(bytes.includes(Buffer.from(der)), name).toBe(false);
      expect(bytes.includes(Buffer.from(der).toString('base64')), name).toBe(false);
      expect(bytes.includes(privateScalar), name).toBe(false);
    }

    const second = await loadOrCreateIssuerKeys(dir, withPassphrase('branch 42 secret'));
    expect(second.iaca).toEqual(first.iaca);
    expect(second.documentSigner.certificatePem).toBe(first.documentSigner.certificatePem);
    await expectSigns(second, first.documentSigner.certificateDer);
  });

  it('refuses to start without the passphrase, saying which variable to set, and touches nothing', async () => {
    await loadOrCreateIssuerKeys(dir, withPassphrase('branch 42 secret'));
    const before = await snapshot(dir);
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(
      /^The IACA private key \S+iaca-key\.sealed is encrypted \("passphrase" protection\); set COUNTER_KEY_PASSPHRASE\.$/,
    );
    // Even when the Document Signer is due for renewal: nothing is regenerated.
    await expect(loadOrCreateIssuerKeys(dir, { ...OPTIONS, now: new Date(NOW.getTime() + 400 * DAY) })).rejects.toThrow(/is encrypted/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('says "wrong passphrase" for a wrong one, and touches nothing', async () => {
    await loadOrCreateIssuerKeys(dir, withPassphrase('branch 42 secret'));
    const before = await snapshot(dir);
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('branch 24 secret'))).rejects.toThrow(
      /^Cannot open the IACA private key \S+iaca-key\.sealed: wrong passphrase \(COUNTER_KEY_PASSPHRASE\)/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('renews an expiring Document Signer under the same IACA, sealed', async () => {
    const first = await loadOrCreateIssuerKeys(dir, withPassphrase('p'));
    const later = new Date(first.documentSigner.notAfter.getTime() - DAY / 2);
    const renewed = await loadOrCreateIssuerKeys(dir, { ...withPassphrase('p'), now: later });
    expect(renewed.iaca).toEqual(first.iaca);
    expect(renewed.documentSigner.certificatePem).not.toBe(first.documentSigner.certificatePem);
    expect((await readdir(dir)).filter((name) => name.includes('key'))).toEqual(expect.arrayContaining(SEALED_KEYS));
    for (const name of PLAIN_KEYS) await expect(stat(join(dir, name))).rejects.toThrow(/ENOENT/);
    for (const name of SEALED_KEYS) expect(await mode(join(dir, name))).toBe(0o600);
    const again = await loadOrCreateIssuerKeys(dir, { ...withPassphrase('p'), now: later });
    expect(again.documentSigner.certificatePem).toBe(renewed.documentSigner.certificatePem);
    await expectSigns(again);
  });
});

describe('migrating plain keys', () => {
  it('seals plain keys when a protection is configured, then removes them; logs no secret', async () => {
    const plain = await loadOrCreateIssuerKeys(dir, OPTIONS);
    const pems = await Promise.all(PLAIN_KEYS.map((name) => readFile(join(dir, name), 'utf8')));
    const log: string[] = [];
    const migrated = await loadOrCreateIssuerKeys(dir, { ...withPassphrase('p'), log: (message) => log.push(message) });

    expect(migrated.iaca).toEqual(plain.iaca);
    expect(migrated.documentSigner.certificatePem).toBe(plain.documentSigner.certificatePem);
    await expectSigns(migrated, plain.documentSigner.certificateDer);
    for (const name of PLAIN_KEYS) await expect(stat(join(dir, name))).rejects.toThrow(/ENOENT/);
    for (const name of SEALED_KEYS) expect(await mode(join(dir, name))).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);

    expect(log).toEqual([
      'Encrypted the IACA private key at rest with "passphrase": iaca-key.pem replaced by iaca-key.sealed',
      'Encrypted the Document Signer private key at rest with "passphrase": document-signer-key.pem replaced by document-signer-key.sealed',
    ]);
    const body = (pem: string) => pem.split('\n').slice(1, -2).join('');
    for (const pem of pems) for (const line of log) expect(line).not.toContain(body(pem).slice(0, 24));

    // From now on the keys need the passphrase; and the next start migrates nothing.
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/is encrypted/);
    log.length = 0;
    await loadOrCreateIssuerKeys(dir, { ...withPassphrase('p'), log: (message) => log.push(message) });
    expect(log).toEqual([]);
  });

  it('finishes a migration interrupted after the sealed file was written', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    const plainIacaKey = await readFile(join(dir, KEY_FILES.iacaKey), 'utf8');
    await loadOrCreateIssuerKeys(dir, withPassphrase('p'));
    await writeFile(join(dir, KEY_FILES.iacaKey), plainIacaKey, { mode: 0o600 }); // the crash left it behind

    const log: string[] = [];
    await loadOrCreateIssuerKeys(dir, { ...withPassphrase('p'), log: (message) => log.push(message) });
    await expect(stat(join(dir, KEY_FILES.iacaKey))).rejects.toThrow(/ENOENT/);
    expect(log).toEqual(['Removed iaca-key.pem: an interrupted encryption of the IACA private key had left it next to iaca-key.sealed']);
  });

  it('keeps a plain key that is not the sealed one, and says so', async () => {
    const other = join(root, 'other');
    await loadOrCreateIssuerKeys(other, OPTIONS);
    await loadOrCreateIssuerKeys(dir, withPassphrase('p'));
    await writeFile(join(dir, KEY_FILES.iacaKey), await readFile(join(other, KEY_FILES.iacaKey)), { mode: 0o600 });
    const before = await snapshot(dir);
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('p'))).rejects.toThrow(
      /Both \S+iaca-key\.sealed and \S+iaca-key\.pem exist and the plain one is not the same key .*Move iaca-key\.pem out/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('without a protection, a plain directory stays exactly as it was', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    const before = await snapshot(dir);
    await loadOrCreateIssuerKeys(dir, { ...OPTIONS, now: new Date(NOW.getTime() + DAY) });
    expect(await snapshot(dir)).toEqual(before);
    expect(before.map(({ name }) => name).sort()).toEqual(Object.values(KEY_FILES).sort());
  });

  it('never deletes a plain key when the protection cannot give back what it sealed', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    const before = await snapshot(dir);
    const lossy: KeyProtection = { name: 'lossy', seal: (plain) => plain.subarray(1), open: (sealed) => sealed };
    await expect(loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: lossy })).rejects.toThrow(
      /"lossy" key protection does not give back what it sealed/,
    );
    const failing: KeyProtection = {
      name: 'failing',
      seal: (plain) => plain,
      open: () => {
        throw new Error('keyring locked');
      },
    };
    await expect(loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: failing })).rejects.toThrow(
      /"failing" key protection cannot open what it just sealed \(keyring locked\)/,
    );
    expect(await snapshot(dir)).toEqual(before);

    await rm(dir, { recursive: true });
    await expect(loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: lossy })).rejects.toThrow(/does not give back/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('a protection object (as Electron builds on safeStorage)', () => {
  it('round-trips through restarts, 0600, binary sealed bytes base64 in the file', async () => {
    const osKey = randomBytes(32);
    const first = await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: safeStorageProtection(fakeSafeStorage(osKey)) });
    for (const name of SEALED_KEYS) {
      expect(await mode(join(dir, name))).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, name), 'utf8'))).toMatchObject({ protection: 'test-safe-storage' });
    }
    const second = await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: safeStorageProtection(fakeSafeStorage(osKey)) });
    expect(second.iaca).toEqual(first.iaca);
    await expectSigns(second, first.documentSigner.certificateDer);
  });

  it('names the protection a file needs when another one (or none) is given, and touches nothing', async () => {
    await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: safeStorageProtection(fakeSafeStorage(randomBytes(32))) });
    const before = await snapshot(dir);
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('p'))).rejects.toThrow(
      /^The IACA private key \S+ is sealed with "test-safe-storage" protection, but Counter was started with "passphrase"; start Counter with the "test-safe-storage" key protection\.$/,
    );
    await expect(loadOrCreateIssuerKeys(dir, OPTIONS)).rejects.toThrow(/is encrypted \("test-safe-storage" protection\)/);
    // Another machine's key store: the OS key differs.
    await expect(
      loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: safeStorageProtection(fakeSafeStorage(randomBytes(32))) }),
    ).rejects.toThrow(/^Cannot open the IACA private key \S+iaca-key\.sealed: Unsupported state or unable to authenticate data/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('explains what a desktop-sealed key needs', async () => {
    const desktop: KeyProtection = { ...safeStorageProtection(fakeSafeStorage(randomBytes(32))), name: 'electron-safe-storage' };
    await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: desktop });
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('p'))).rejects.toThrow(
      /sealed with "electron-safe-storage" protection, but Counter was started with "passphrase"; only Counter's desktop app, run by the same OS user on this machine, can open it\./,
    );
  });

  it('refuses a protection name that could not be written into the file header', async () => {
    const bad: KeyProtection = { name: 'Safe Storage!', seal: (plain) => plain, open: (sealed) => sealed };
    await expect(loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: bad })).rejects.toThrow(
      /Key protection name "Safe Storage!" must be/,
    );
    await expect(stat(dir)).rejects.toThrow(/ENOENT/);
  });
});

describe('odd key directories', () => {
  it('names the missing key whatever its form', async () => {
    await loadOrCreateIssuerKeys(dir, withPassphrase('p'));
    await unlink(join(dir, SEALED_KEY_FILES.documentSignerKey));
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('p'))).rejects.toThrow(
      /incomplete: document-signer-key\.pem \(or document-signer-key\.sealed\) missing/,
    );
  });

  it('explains an OpenSSL-encrypted PKCS#8 key instead of failing to parse it', async () => {
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    const pem = await readFile(join(dir, KEY_FILES.iacaKey), 'utf8');
    const encrypted = createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'p' });
    await writeFile(join(dir, KEY_FILES.iacaKey), encrypted);
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('p'))).rejects.toThrow(
      /iaca-key\.pem is an encrypted PKCS#8 key, which Counter does not read/,
    );
  });

  it('refuses a damaged sealed file, naming it', async () => {
    await loadOrCreateIssuerKeys(dir, withPassphrase('p'));
    await writeFile(join(dir, SEALED_KEY_FILES.documentSignerKey), '{"format":"something else"}');
    await expect(loadOrCreateIssuerKeys(dir, withPassphrase('p'))).rejects.toThrow(
      /document-signer-key\.sealed: not a Counter sealed key file \(format/,
    );
  });
});
