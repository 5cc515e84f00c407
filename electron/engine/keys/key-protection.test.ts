import { describe, expect, it } from 'vitest';
import { PASSPHRASE_PROTECTION, passphraseProtection } from './key-protection';
import { decodeSealedKeyFile, encodeSealedKeyFile } from './sealed-key-file';

const FAST = { log2N: 14 };
const plain = new Uint8Array(Array.from({ length: 138 }, (_, i) => (i * 7) & 0xff));

describe('passphraseProtection', () => {
  it('seals with scrypt (N = 2^17, r = 8, p = 1 by default) and AES-256-GCM, and opens again', async () => {
    const protection = passphraseProtection('correct horse battery staple');
    expect(protection.name).toBe(PASSPHRASE_PROTECTION);
    const sealed = await protection.seal(plain);
    expect([...sealed.subarray(0, 7)]).toEqual([0x43, 0x4b, 0x50, 0x01, 17, 8, 1]);
    expect(sealed.length).toBe(7 + 16 + 12 + plain.length + 16);
    expect(Buffer.from(sealed).includes(Buffer.from(plain.subarray(0, 16)))).toBe(false);
    expect(await protection.open(sealed)).toEqual(plain);
    // A fresh IV each time; another instance (a restart) opens it with the passphrase alone.
    expect(await protection.seal(plain)).not.toEqual(sealed);
    expect(await passphraseProtection('correct horse battery staple').open(sealed)).toEqual(plain);
  });

  it('says "wrong passphrase" for a wrong passphrase and for an altered file', async () => {
    const right = passphraseProtection('right', FAST);
    const sealed = await right.seal(plain);
    await expect(passphraseProtection('wrong', FAST).open(sealed)).rejects.toThrow(/^wrong passphrase \(COUNTER_KEY_PASSPHRASE\)/);
    for (const index of [7, 30, 40, sealed.length - 1]) {
      const altered = new Uint8Array(sealed);
      altered[index]! ^= 1;
      await expect(right.open(altered)).rejects.toThrow(/wrong passphrase/);
    }
  });

  it('normalizes the passphrase (NFC), so the same word typed differently opens it', async () => {
    const sealed = await passphraseProtection('caf\u00e9', FAST).seal(plain);
    expect(await passphraseProtection('cafe\u0301', FAST).open(sealed)).toEqual(plain);
  });

  it('refuses an empty passphrase, a bad cost, and envelopes it does not know or cannot afford', async () => {
    expect(() => passphraseProtection('')).toThrow(/COUNTER_KEY_PASSPHRASE\) is empty/);
    expect(() => passphraseProtection('x', { log2N: 10 })).toThrow(/log2N/);
    const protection = passphraseProtection('x', FAST);
    await expect(protection.open(new Uint8Array(10))).rejects.toThrow(/not a passphrase-sealed key/);
    const sealed = await protection.seal(plain);
    const greedy = new Uint8Array(sealed);
    greedy[4] = 20;
    greedy[5] = 255; // 128 · 2^20 · 255 bytes: refused before any allocation
    await expect(protection.open(greedy)).rejects.toThrow(/scrypt parameters out of range/);
  });
});

describe('sealed key files', () => {
  it('name their protection and round-trip the sealed bytes', () => {
    const text = encodeSealedKeyFile({ protection: 'electron-safe-storage', sealed: plain });
    expect(JSON.parse(text)).toEqual({
      format: 'counter-sealed-private-key',
      version: 1,
      protection: 'electron-safe-storage',
      contents: 'pkcs8-der',
      sealed: Buffer.from(plain).toString('base64'),
    });
    expect(decodeSealedKeyFile(text, 'k.sealed')).toEqual({ protection: 'electron-safe-storage', sealed: plain });
  });

  it('refuse anything else, naming the file', () => {
    expect(() => decodeSealedKeyFile('-----BEGIN PRIVATE KEY-----', 'k.sealed')).toThrow(
      /^k\.sealed: not a Counter sealed key file \(not JSON\)/,
    );
    const file = JSON.parse(encodeSealedKeyFile({ protection: 'passphrase', sealed: plain })) as Record<string, unknown>;
    expect(() => decodeSealedKeyFile(JSON.stringify({ ...file, version: 2 }), 'k.sealed')).toThrow(
      /k\.sealed: not a Counter sealed key file \(version/,
    );
    expect(() => decodeSealedKeyFile(JSON.stringify({ ...file, sealed: '' }), 'k.sealed')).toThrow(/\(sealed/);
    expect(() => decodeSealedKeyFile(JSON.stringify({ ...file, protection: '../x' }), 'k.sealed')).toThrow(/\(protection/);
  });
});
