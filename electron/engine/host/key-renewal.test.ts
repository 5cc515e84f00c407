// DESIGN §13: the Document Signer is renewed when due without a restart; processes sharing one
// PostgreSQL database and data dir take turns, so one renews and the others load its new key.
import { mkdtempSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresSkipReason } from '../../../test/support/postgres';
import { createEngine, type Engine } from './create-engine';

const dirs: string[] = [];
const engines: Engine[] = [];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A clock the test moves. */
const clock = { t: Date.now(), now: () => clock.t };

async function engine(dataDir: string, databaseUrl?: string): Promise<Engine> {
  const started = await createEngine({
    dataDir,
    publicUrl: 'https://counter.test',
    adminToken: 'key-renewal-admin-token-0123456789abcdef',
    clock,
    log: () => {},
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  engines.push(started);
  return started;
}

const signerOf = (e: Engine) => e.context.keys.documentSigner;

describe('Document Signer renewal while running', () => {
  it('renews when due and not before (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-renew-'));
    dirs.push(dir);
    clock.t = Date.now();
    const one = await engine(dir);
    const first = signerOf(one);
    expect(await one.renewKeysIfDue()).toBe(false);
    clock.t = first.notAfter.getTime() - 3_600_000;
    expect(await one.renewKeysIfDue()).toBe(true);
    expect(signerOf(one).certificatePem).not.toBe(first.certificatePem);
    expect(signerOf(one).notAfter.getTime()).toBeGreaterThan(first.notAfter.getTime());
  });

  it.skipIf(postgresSkipReason !== undefined)(
    'renews once when two processes on one database and data dir find it due together',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'counter-renew-pg-'));
      dirs.push(dir);
      clock.t = Date.now();
      const url = await freshDatabase('renew');
      const [a, b] = await Promise.all([engine(dir, url), engine(dir, url)]);
      const first = signerOf(a);
      expect(signerOf(b).certificatePem).toBe(first.certificatePem);
      clock.t = first.notAfter.getTime() - 3_600_000;
      // Every renewal writes a new certificate file into place (a rename); count them.
      const renames: string[] = [];
      const watcher = watch(join(dir, 'keys'), (event, file) => event === 'rename' && file === 'document-signer.pem' && renames.push(file));
      try {
        expect(await Promise.all([a.renewKeysIfDue(), b.renewKeysIfDue()])).toEqual([true, true]);
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        watcher.close();
      }
      expect(renames).toHaveLength(1);
      // One renewed; the other, next in line for the lock, found it done and loaded the same key.
      expect(signerOf(a).certificatePem).not.toBe(first.certificatePem);
      expect(signerOf(b).certificatePem).toBe(signerOf(a).certificatePem);
    },
  );
});
