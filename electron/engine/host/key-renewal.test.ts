// DESIGN §10, §13: the Document Signer is renewed when due without a restart (trust maintenance,
// every 30 s); processes sharing one PostgreSQL database and data dir take turns under a lock, so
// one renews and the others load the signer it made.
import { mkdtempSync, rmSync } from 'node:fs';
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

const signerOf = (e: Engine) => e.context.trust.currentSigner(clock.now())!;
const signerCount = async (e: Engine) => (await e.context.stores.trust.listSigners({ kind: 'document_signer' })).length;

describe('Document Signer renewal while running', () => {
  it('renews when due and not before (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-renew-'));
    dirs.push(dir);
    clock.t = Date.now();
    const one = await engine(dir);
    const first = signerOf(one);
    await one.context.trust.maintain();
    expect(signerOf(one).id).toBe(first.id);
    expect(await signerCount(one)).toBe(1);
    clock.t = first.notAfter.getTime() - 3_600_000;
    await one.context.trust.maintain();
    expect(signerOf(one).id).not.toBe(first.id);
    expect(signerOf(one).notAfter.getTime()).toBeGreaterThan(first.notAfter.getTime());
    expect(await signerCount(one)).toBe(2);
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
      expect(signerOf(b).id).toBe(first.id);
      expect(await signerCount(a)).toBe(1);
      clock.t = first.notAfter.getTime() - 3_600_000;
      await Promise.all([a.context.trust.maintain(), b.context.trust.maintain()]);
      // One renewed; the other, next in line for the lock, found it done and loaded the same signer.
      expect(await signerCount(a)).toBe(2);
      expect(signerOf(a).id).not.toBe(first.id);
      expect(signerOf(b).id).toBe(signerOf(a).id);
    },
  );
});
