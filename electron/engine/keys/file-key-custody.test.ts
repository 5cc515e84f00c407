import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Es256Signer } from '../core/signing/es256-signer';
import type { GeneratedKey } from '../core/signing/key-custody';
import { fileKeyCustody } from './file-key-custody';
import { passphraseProtection, type KeyProtection } from './key-protection';

// DESIGN §6: private keys encrypted at rest, in the file key custody (DESIGN §10). Real temp
// directories, real files. "iaca-key" is the name the managed IACA's key had in the first layout.

const FAST = { log2N: 14 }; // the default cost is covered in key-protection.test.ts
const LABEL = 'IACA private key';
const PLAIN = 'iaca-key.pem';
const SEALED = 'iaca-key.sealed';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'counter-keys-at-rest-'));
  dir = join(root, 'keys');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const withPassphrase = (passphrase: string, log?: (message: string) => void) =>
  fileKeyCustody(dir, { protection: passphraseProtection(passphrase, FAST), ...(log ? { log } : {}) });
const plainCustody = (log?: (message: string) => void) => fileKeyCustody(dir, log ? { log } : {});
const open = (custody: ReturnType<typeof fileKeyCustody>, key: GeneratedKey) => custody.open(key.ref, key.publicKeySpki, LABEL);

/** Every file of the directory with its contents and mtime, to prove a refused start touched nothing. */
async function snapshot(path: string) {
  const names = (await readdir(path)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(path, name), 'utf8'), mtimeMs: (await stat(join(path, name))).mtimeMs })),
  );
}

async function expectSigns(signer: Es256Signer, spki: Uint8Array) {
  const data = new TextEncoder().encode('to be signed');
  const signature = await signer.sign(data);
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  expect(verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
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
  it('writes only a sealed private key (0600, never in clear), and opens it on the next start', async () => {
    const key = await withPassphrase('branch 42 secret').generate('iaca-key');
    expect(key.ref).toEqual({ custody: 'file', name: 'iaca-key' });
    expect(await mode(dir)).toBe(0o700);
    expect(await readdir(dir)).toEqual([SEALED]);
    expect(await mode(join(dir, SEALED))).toBe(0o600);
    for (const { name, text } of await snapshot(dir)) expect(text, name).not.toMatch(/PRIVATE KEY/);

    const header = JSON.parse(await readFile(join(dir, SEALED), 'utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'counter-sealed-private-key', version: 1, protection: 'passphrase', contents: 'pkcs8-der' });
    // The sealed bytes do not contain the key: open them and look for the DER in every file.
    const der = await passphraseProtection('branch 42 secret').open(Buffer.from(header.sealed as string, 'base64'));
    const privateScalar = Buffer.from(
      createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d!,
      'base64url',
    );
    expect(privateScalar.length).toBe(32);
    const bytes = await readFile(join(dir, SEALED));
    expect(bytes.includes(Buffer.from(der))).toBe(false);
    expect(bytes.includes(Buffer.from(der).toString('base64'))).toBe(false);
    expect(bytes.includes(privateScalar)).toBe(false);

    await expectSigns(await open(withPassphrase('branch 42 secret'), key), key.publicKeySpki);
    await expectSigns(key.signer, key.publicKeySpki);
  });

  it('refuses to open without the passphrase, saying which variable to set, and touches nothing', async () => {
    const key = await withPassphrase('branch 42 secret').generate('iaca-key');
    const before = await snapshot(dir);
    await expect(open(plainCustody(), key)).rejects.toThrow(
      /^The IACA private key \S+iaca-key\.sealed is encrypted \("passphrase" protection\); set COUNTER_KEY_PASSPHRASE\.$/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('says "wrong passphrase" for a wrong one, and touches nothing', async () => {
    const key = await withPassphrase('branch 42 secret').generate('iaca-key');
    const before = await snapshot(dir);
    await expect(open(withPassphrase('branch 24 secret'), key)).rejects.toThrow(
      /^Cannot open the IACA private key \S+iaca-key\.sealed: wrong passphrase \(COUNTER_KEY_PASSPHRASE\)/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('never overwrites a key: a second key of the same name is refused', async () => {
    const custody = withPassphrase('p');
    await custody.generate('iaca-key');
    const before = await snapshot(dir);
    await expect(custody.generate('iaca-key')).rejects.toThrow(/already exists/);
    await expect(custody.generate('../escape')).rejects.toThrow(/not a key file name/);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('migrating plain keys', () => {
  it('seals a plain key when a protection is configured, then removes it; logs no secret', async () => {
    const key = await plainCustody().generate('iaca-key');
    const pem = await readFile(join(dir, PLAIN), 'utf8');
    const log: string[] = [];
    await expectSigns(
      await open(
        withPassphrase('p', (m) => log.push(m)),
        key,
      ),
      key.publicKeySpki,
    );
    await expect(stat(join(dir, PLAIN))).rejects.toThrow(/ENOENT/);
    expect(await mode(join(dir, SEALED))).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(log).toEqual(['Encrypted the IACA private key at rest with "passphrase": iaca-key.pem replaced by iaca-key.sealed']);
    const body = pem.split('\n').slice(1, -2).join('');
    for (const line of log) expect(line).not.toContain(body.slice(0, 24));

    // From now on the key needs the passphrase; and the next start migrates nothing.
    await expect(open(plainCustody(), key)).rejects.toThrow(/is encrypted/);
    log.length = 0;
    await open(
      withPassphrase('p', (m) => log.push(m)),
      key,
    );
    expect(log).toEqual([]);
  });

  it('finishes a migration interrupted after the sealed file was written', async () => {
    const key = await plainCustody().generate('iaca-key');
    const plainKey = await readFile(join(dir, PLAIN), 'utf8');
    await open(withPassphrase('p'), key);
    await writeFile(join(dir, PLAIN), plainKey, { mode: 0o600 }); // the crash left it behind

    const log: string[] = [];
    await open(
      withPassphrase('p', (m) => log.push(m)),
      key,
    );
    await expect(stat(join(dir, PLAIN))).rejects.toThrow(/ENOENT/);
    expect(log).toEqual(['Removed iaca-key.pem: an interrupted encryption of the IACA private key had left it next to iaca-key.sealed']);
  });

  it('keeps a plain key that is not the sealed one, and says so', async () => {
    const key = await withPassphrase('p').generate('iaca-key');
    await plainCustody().generate('other-key');
    await writeFile(join(dir, PLAIN), await readFile(join(dir, 'other-key.pem')), { mode: 0o600 });
    const before = await snapshot(dir);
    await expect(open(withPassphrase('p'), key)).rejects.toThrow(
      /Both \S+iaca-key\.sealed and \S+iaca-key\.pem exist and the plain one is not the same key .*Move iaca-key\.pem out/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('without a protection, a plain directory stays exactly as it was', async () => {
    const key = await plainCustody().generate('iaca-key');
    const before = await snapshot(dir);
    await open(plainCustody(), key);
    expect(await snapshot(dir)).toEqual(before);
    expect(before.map(({ name }) => name)).toEqual([PLAIN]);
    expect(before[0]!.text).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(await mode(join(dir, PLAIN))).toBe(0o600);
  });

  it('never deletes a plain key when the protection cannot give back what it sealed', async () => {
    const key = await plainCustody().generate('iaca-key');
    const before = await snapshot(dir);
    const lossy: KeyProtection = { name: 'lossy', seal: (plain) => plain.subarray(1), open: (sealed) => sealed };
    await expect(open(fileKeyCustody(dir, { protection: lossy }), key)).rejects.toThrow(
      /"lossy" key protection does not give back what it sealed/,
    );
    const failing: KeyProtection = {
      name: 'failing',
      seal: (plain) => plain,
      open: () => {
        throw new Error('keyring locked');
      },
    };
    await expect(open(fileKeyCustody(dir, { protection: failing }), key)).rejects.toThrow(
      /"failing" key protection cannot open what it just sealed \(keyring locked\)/,
    );
    expect(await snapshot(dir)).toEqual(before);

    await rm(dir, { recursive: true });
    await expect(fileKeyCustody(dir, { protection: lossy }).generate('iaca-key')).rejects.toThrow(/does not give back/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('a protection object (as Electron builds on safeStorage)', () => {
  it('round-trips through restarts, 0600, binary sealed bytes base64 in the file', async () => {
    const osKey = randomBytes(32);
    const key = await fileKeyCustody(dir, { protection: safeStorageProtection(fakeSafeStorage(osKey)) }).generate('iaca-key');
    expect(await mode(join(dir, SEALED))).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir, SEALED), 'utf8'))).toMatchObject({ protection: 'test-safe-storage' });
    await expectSigns(
      await open(fileKeyCustody(dir, { protection: safeStorageProtection(fakeSafeStorage(osKey)) }), key),
      key.publicKeySpki,
    );
  });

  it('names the protection a file needs when another one (or none) is given, and touches nothing', async () => {
    const key = await fileKeyCustody(dir, { protection: safeStorageProtection(fakeSafeStorage(randomBytes(32))) }).generate('iaca-key');
    const before = await snapshot(dir);
    await expect(open(withPassphrase('p'), key)).rejects.toThrow(
      /^The IACA private key \S+ is sealed with "test-safe-storage" protection, but Counter was started with "passphrase"; start Counter with the "test-safe-storage" key protection\.$/,
    );
    await expect(open(plainCustody(), key)).rejects.toThrow(/is encrypted \("test-safe-storage" protection\)/);
    // Another machine's key store: the OS key differs.
    await expect(open(fileKeyCustody(dir, { protection: safeStorageProtection(fakeSafeStorage(randomBytes(32))) }), key)).rejects.toThrow(
      /^Cannot open the IACA private key \S+iaca-key\.sealed: Unsupported state or unable to authenticate data/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('explains what a desktop-sealed key needs', async () => {
    const desktop: KeyProtection = { ...safeStorageProtection(fakeSafeStorage(randomBytes(32))), name: 'electron-safe-storage' };
    const key = await fileKeyCustody(dir, { protection: desktop }).generate('iaca-key');
    await expect(open(withPassphrase('p'), key)).rejects.toThrow(
      /sealed with "electron-safe-storage" protection, but Counter was started with "passphrase"; only Counter's desktop app, run by the same OS user on this machine, can open it\./,
    );
  });

  it('refuses a protection name that could not be written into the file header', async () => {
    const bad: KeyProtection = { name: 'Safe Storage!', seal: (plain) => plain, open: (sealed) => sealed };
    expect(() => fileKeyCustody(dir, { protection: bad })).toThrow(/Key protection name "Safe Storage!" must be/);
    await expect(stat(dir)).rejects.toThrow(/ENOENT/);
  });
});

describe('odd key directories', () => {
  it('names the missing key whatever its form', async () => {
    const key = await withPassphrase('p').generate('iaca-key');
    await unlink(join(dir, SEALED));
    await expect(open(withPassphrase('p'), key)).rejects.toThrow(
      /The IACA private key \S+iaca-key\.pem \(or iaca-key\.sealed\) is missing/,
    );
  });

  it('explains an OpenSSL-encrypted PKCS#8 key instead of failing to parse it', async () => {
    const key = await plainCustody().generate('iaca-key');
    const pem = await readFile(join(dir, PLAIN), 'utf8');
    const encrypted = createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'p' });
    await writeFile(join(dir, PLAIN), encrypted);
    await expect(open(withPassphrase('p'), key)).rejects.toThrow(/iaca-key\.pem is an encrypted PKCS#8 key, which Counter does not read/);
  });

  it('refuses a damaged or foreign key file, naming it', async () => {
    const key = await withPassphrase('p').generate('iaca-key');
    await writeFile(join(dir, SEALED), '{"format":"something else"}');
    await expect(open(withPassphrase('p'), key)).rejects.toThrow(/iaca-key\.sealed: not a Counter sealed key file \(format/);

    const plain = await plainCustody().generate('plain-key');
    await writeFile(join(dir, 'plain-key.pem'), 'not a key');
    await expect(plainCustody().open(plain.ref, plain.publicKeySpki, LABEL)).rejects.toThrow(
      /plain-key\.pem: expected exactly one PEM "PRIVATE KEY" block/,
    );
    await writeFile(join(dir, 'plain-key.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    await expect(plainCustody().open(plain.ref, plain.publicKeySpki, LABEL)).rejects.toThrow(
      /plain-key\.pem: not a valid PKCS#8 P-256 private key/,
    );
  });

  it('refuses a key that does not belong to its certificate', async () => {
    const custody = plainCustody();
    const a = await custody.generate('a-key');
    const b = await custody.generate('b-key');
    await expect(custody.open(a.ref, b.publicKeySpki, LABEL)).rejects.toThrow(/a-key\.pem does not belong to its certificate/);
  });
});
