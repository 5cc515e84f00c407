import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadOrCreateIssuerKeys, passphraseProtection, type IssuerKeyOptions } from './issuer-keys';
import type * as KeyFiles from './key-files';

// Every byte the key module writes goes through writeKeyFilesAtomically (temp file, then rename):
// record it, to show that with a protection no private key is written in clear, not even briefly.
const written = vi.hoisted(() => [] as { name: string; contents: string }[]);
vi.mock('./key-files', async (importOriginal) => {
  const actual = await importOriginal<typeof KeyFiles>();
  return {
    ...actual,
    writeKeyFilesAtomically: (dir: string, files: [string, string][]) => {
      for (const [name, contents] of files) written.push({ name, contents });
      return actual.writeKeyFilesAtomically(dir, files as Parameters<typeof actual.writeKeyFilesAtomically>[1]);
    },
  };
});

const NOW = new Date('2026-03-01T10:00:00.500Z');
const OPTIONS: IssuerKeyOptions = { now: NOW, issuerName: 'Counter Test', country: 'NZ', issuerAltNameUri: 'http://192.168.1.20:8787' };

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'counter-keys-writes-'));
  written.length = 0;
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('with a protection, private keys never reach the disk in clear', () => {
  it('on creation, renewal and restart', async () => {
    const dir = join(root, 'keys');
    const protection = () => passphraseProtection('p', { log2N: 14 });
    const keys = await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: protection() });
    await loadOrCreateIssuerKeys(dir, {
      ...OPTIONS,
      protection: protection(),
      now: new Date(keys.documentSigner.notAfter.getTime() - 1000),
    });
    await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: protection() });

    expect(written.map(({ name }) => name)).toEqual([
      'iaca-key.sealed',
      'iaca.pem',
      'document-signer-key.sealed',
      'document-signer.pem',
      'document-signer-key.sealed', // the renewal
      'document-signer.pem',
    ]);
    for (const { name, contents } of written) expect(contents, name).not.toMatch(/PRIVATE KEY/);
  });

  it('on migration, which writes only the sealed file', async () => {
    const dir = join(root, 'keys');
    await loadOrCreateIssuerKeys(dir, OPTIONS);
    written.length = 0;
    await loadOrCreateIssuerKeys(dir, { ...OPTIONS, protection: passphraseProtection('p', { log2N: 14 }) });
    expect(written.map(({ name }) => name)).toEqual(['iaca-key.sealed', 'document-signer-key.sealed']);
    for (const { name, contents } of written) expect(contents, name).not.toMatch(/PRIVATE KEY/);
  });
});
