import type { SafeStorage } from 'electron';
import type { TokenSealing } from './branch-server';
import { KEY_PASSPHRASE_ENV, SAFE_STORAGE_PROTECTION, passphraseProtection, type KeyProtection } from '../engine/keys/key-protection';

type Storage = Pick<SafeStorage, 'encryptString' | 'decryptString' | 'isEncryptionAvailable' | 'getSelectedStorageBackend'>;

/** The issuer's private keys sealed by the OS key store (Keychain, DPAPI, libsecret/KWallet). */
export function safeStorageProtection(storage: Pick<SafeStorage, 'encryptString' | 'decryptString'>): KeyProtection {
  return {
    name: SAFE_STORAGE_PROTECTION,
    // safeStorage encrypts strings: the PKCS#8 DER goes in as base64; the Buffer it returns is what the engine stores.
    seal: (plain) => storage.encryptString(Buffer.from(plain).toString('base64')),
    open: (sealed) => Buffer.from(storage.decryptString(Buffer.from(sealed)), 'base64'),
  };
}

/**
 * DESIGN §6: COUNTER_KEY_PASSPHRASE wins (a data dir shared with headless Counter, or backups that
 * must restore elsewhere); otherwise the OS key store. On Linux without a keyring safeStorage falls
 * back to a key built into Chromium ('basic_text'), which protects nothing: the keys then stay
 * owner-only files, and we say so. Call after app 'ready'.
 */
export function chooseKeyProtection(
  env: NodeJS.ProcessEnv,
  storage: Storage,
  platform: NodeJS.Platform,
  warn: (message: string) => void,
): KeyProtection | undefined {
  const passphrase = env[KEY_PASSPHRASE_ENV];
  if (passphrase) return passphraseProtection(passphrase);
  if (!storage.isEncryptionAvailable()) {
    warn(
      `The OS key store is not available: the issuer private keys stay unencrypted, readable by this user only; set ${KEY_PASSPHRASE_ENV} to encrypt them.`,
    );
    return undefined;
  }
  if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') {
    warn(
      `No keyring (libsecret/KWallet): the issuer private keys stay unencrypted, readable by this user only; set ${KEY_PASSPHRASE_ENV} to encrypt them.`,
    );
    return undefined;
  }
  return safeStorageProtection(storage);
}

/**
 * The branch server's token sealed by the OS key store (DESIGN §13), when there is a real one;
 * otherwise undefined, and the token is kept in a file only this user can read.
 */
export function tokenSealing(storage: Storage, platform: NodeJS.Platform): TokenSealing | undefined {
  if (!storage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return { seal: (token) => storage.encryptString(token), open: (sealed) => storage.decryptString(sealed) };
}
