import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SAFE_STORAGE_PROTECTION } from '../engine/keys/key-protection';
import { chooseKeyProtection } from './key-protection';

// A stand-in for Electron's safeStorage: AES-256-GCM under a random "OS key".
function fakeSafeStorage(backend = 'gnome_libsecret', available = true) {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as never,
    encryptString: (text: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (sealed: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('chooseKeyProtection', () => {
  it('seals with the OS key store and opens what it sealed', async () => {
    const protection = chooseKeyProtection({}, fakeSafeStorage(), 'linux', () => {})!;
    expect(protection.name).toBe(SAFE_STORAGE_PROTECTION);
    const plain = randomBytes(138);
    const sealed = await protection.seal(plain);
    expect(Buffer.from(sealed).includes(plain)).toBe(false);
    expect(Buffer.from(await protection.open(sealed))).toEqual(plain);
  });

  it('prefers the passphrase from the environment', () => {
    expect(chooseKeyProtection({ COUNTER_KEY_PASSPHRASE: 'correct horse' }, fakeSafeStorage(), 'linux', () => {})?.name).toBe('passphrase');
  });

  it('warns and keeps owner-only files when no real key store exists', () => {
    const warnings: string[] = [];
    expect(chooseKeyProtection({}, fakeSafeStorage('basic_text'), 'linux', (m) => warnings.push(m))).toBeUndefined();
    expect(chooseKeyProtection({}, fakeSafeStorage('unknown', false), 'win32', (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/COUNTER_KEY_PASSPHRASE/);
    // macOS reports no Linux backend; the key store is used.
    expect(chooseKeyProtection({}, fakeSafeStorage('unknown'), 'darwin', () => {})?.name).toBe(SAFE_STORAGE_PROTECTION);
  });
});
