import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileKeyCustody } from './file-key-custody';
import { passphraseProtection } from './key-protection';
import type * as KeyFiles from './key-files';

// Every byte the key custody writes goes through writeKeyFilesAtomically (temp file, then rename):
// record it, to show that with a protection no private key is written in clear, not even briefly.
const written = vi.hoisted(() => [] as { name: string; contents: string }[]);
vi.mock('./key-files', async (importOriginal) => {
  const actual = await importOriginal<typeof KeyFiles>();
  return {
    ...actual,
    writeKeyFilesAtomically: (dir: string, files: [string, string][]) => {
      for (const [name, contents] of files) written.push({ name, contents });
      return actual.writeKeyFilesAtomically(dir, files);
    },
  };
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'counter-keys-writes-'));
  written.length = 0;
});
afterEach(() => rm(root, { recursive: true, force: true }));

const protection = () => passphraseProtection('p', { log2N: 14 });

describe('with a protection, private keys never reach the disk in clear', () => {
  it('on creation and restart', async () => {
    const dir = join(root, 'keys');
    const iaca = await fileKeyCustody(dir, { protection: protection() }).generate('iaca-1-key');
    const signer = await fileKeyCustody(dir, { protection: protection() }).generate('ds-1-key');
    await fileKeyCustody(dir, { protection: protection() }).open(iaca.ref, iaca.publicKeySpki, 'IACA key');
    await fileKeyCustody(dir, { protection: protection() }).open(signer.ref, signer.publicKeySpki, 'DS key');
    expect(written.map(({ name }) => name)).toEqual(['iaca-1-key.sealed', 'ds-1-key.sealed']);
    for (const { name, contents } of written) expect(contents, name).not.toMatch(/PRIVATE KEY/);
  });

  it('on migration, which writes only the sealed file', async () => {
    const dir = join(root, 'keys');
    const key = await fileKeyCustody(dir).generate('iaca-key');
    written.length = 0;
    await fileKeyCustody(dir, { protection: protection() }).open(key.ref, key.publicKeySpki, 'IACA key');
    expect(written.map(({ name }) => name)).toEqual(['iaca-key.sealed']);
    for (const { name, contents } of written) expect(contents, name).not.toMatch(/PRIVATE KEY/);
  });
});
