import type { SafeStorage } from 'electron';
import { KEY_PASSPHRASE_ENV, SAFE_STORAGE_PROTECTION, passphraseProtection, type KeyProtection } from '../engine/keys/issuer-keys';

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
