// DESIGN §8 "Storage faults": a full disk answers 503 in both error shapes and never reports as
// failed a change it committed (nor as done one it did not); a data dir or database deleted or
// replaced while running stops writes; a database without keys, or a damaged one, is refused at
// start with a message that says what to do.
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, renameSync, rmSync, statfsSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDataDir, removeDataDir, runServeToExit, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS, preAuthorizedCode, tokenRequest } from './support/fixtures';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('SKIPPED storage faults on a full disk: mounting a small tmpfs needs root (CI runs as root)');

async function offerAttempt(server: CounterServer, mdl: string, userId: string) {
  const response = await server.api('/v1/openid/offers/pre-authorized', {
    method: 'POST',
    json: { credentials: [mdl], userId, claims: MDL_CLAIMS, transactionCodeConfiguration: { inputMode: 'numeric' } },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function storedUserIds(server: CounterServer): Promise<Set<string>> {
  const response = await server.api('/v1/openid/offers/pre-authorized?limit=1000');
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { userId?: string }[] };
  return new Set(data.flatMap((o) => (o.userId ? [o.userId] : [])));
}

describe('storage faults', () => {
  it.skipIf(!isRoot)('answers 503 on a full disk, stores exactly what it acknowledged, and recovers once space is freed', async () => {
    const mount = newDataDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount]);
    let server: CounterServer | undefined;
    try {
      const dataDir = join(mount, 'data');
      server = await startCounter({ dataDir });
      const mdl = await configurationId(server, 'org.iso.18013.5.1.mDL');
      const before = await createMdlOffer(server, { userId: 'before' });

      // Leave a few KB free, then keep writing until the disk is full.
      const { bavail, bsize } = statfsSync(mount);
      const junk = join(mount, 'junk');
      const fd = openSync(junk, 'w');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (let left = bavail * bsize - 48 * 1024; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, left));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
      const acknowledged = new Set(['before']);
      const refused: Record<string, unknown>[] = [];
      for (let i = 0; i < 200 && refused.length < 5; i += 1) {
        const attempt = await offerAttempt(server, mdl, `full-${i}`);
        expect([201, 503], JSON.stringify(attempt.body)).toContain(attempt.status);
        if (attempt.status === 201) acknowledged.add(`full-${i}`);
        else refused.push(attempt.body);
      }
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]).toMatchObject({ code: 'StorageUnavailable', message: expect.stringMatching(/disk .*full/i) });
      // The wallet-facing shape: the token endpoint cannot record the redemption either.
      const redeem = () =>
        tokenRequest(server!, { 'pre-authorized_code': preAuthorizedCode(before.uri), tx_code: String(before.transactionCode) });
      const full = await redeem();
      expect(full.status).toBe(503);
      expect(await full.json()).toMatchObject({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/full/i) });

      // Space is freed: the same kiosk recovers without a restart, and the refused redemption was never recorded.
      rmSync(junk);
      expect((await redeem()).status).toBe(200);
      const after = await offerAttempt(server, mdl, 'after');
      expect(after.status).toBe(201);
      acknowledged.add('after');
      expect(await storedUserIds(server)).toEqual(acknowledged);

      await server.stop();
      server = await startCounter({ dataDir, adminToken: server.adminToken });
      expect(await storedUserIds(server)).toEqual(acknowledged);
    } finally {
      await server?.stop();
      execFileSync('umount', [mount]);
      removeDataDir(mount);
    }
  });

  it.each([
    [
      'replaced',
      (dir: string) => {
        const file = join(dir, 'counter.sqlite');
        renameSync(file, `${file}.moved`);
        cpSync(`${file}.moved`, file);
      },
    ],
    ['deleted with its data dir', (dir: string) => rmSync(dir, { recursive: true, force: true })],
  ])('stops writes with 503 and a loud log when the database is %s while running', async (_how, tamper) => {
    const server = await startCounter();
    try {
      const mdl = await configurationId(server, 'org.iso.18013.5.1.mDL');
      const open = await createMdlOffer(server);
      tamper(server.dataDir);
      const refused = await offerAttempt(server, mdl, 'after-tamper');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'StorageUnavailable', message: expect.stringMatching(/deleted|replaced/) });
      const token = await tokenRequest(server, {
        'pre-authorized_code': preAuthorizedCode(open.uri),
        tx_code: String(open.transactionCode),
      });
      expect(token.status).toBe(503);
      expect(await token.json()).toMatchObject({ error: 'temporarily_unavailable' });
      expect(server.output()).toMatch(/STORAGE LOST/);
      // Reads still work: the clerk sees the offers as they were.
      const list = await server.api('/v1/openid/offers/pre-authorized');
      expect(list.status).toBe(200);
      expect(((await list.json()) as { data: { id: string }[] }).data.map((o) => o.id)).toContain(open.id);
    } finally {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });

  it('refuses to start on a data dir that holds a database but no keys, and creates no new IACA', async () => {
    const server = await startCounter();
    await server.stop();
    try {
      rmSync(join(server.dataDir, 'keys'), { recursive: true, force: true });
      const { code, output } = await runServeToExit(['--port', '0', '--data-dir', server.dataDir], {
        COUNTER_ADMIN_TOKEN: server.adminToken,
      });
      expect(code).not.toBe(0);
      expect(output).toMatch(/holds a database/);
      expect(output).toMatch(/Restore the keys directory from a backup/);
      expect(existsSync(join(server.dataDir, 'keys', 'iaca.pem'))).toBe(false);
    } finally {
      removeDataDir(server.dataDir);
    }
  });

  it('refuses to start on a damaged database, naming the file and asking for a backup', async () => {
    const server = await startCounter();
    await createMdlOffer(server);
    await server.stop();
    try {
      const file = join(server.dataDir, 'counter.sqlite');
      // Everything after the first page (the header and the schema) is overwritten.
      const size = statSync(file).size;
      const fd = openSync(file, 'r+');
      writeSync(fd, randomBytes(size - 4096), 0, size - 4096, 4096);
      closeSync(fd);
      const { code, output } = await runServeToExit(['--port', '0', '--data-dir', server.dataDir], {
        COUNTER_ADMIN_TOKEN: server.adminToken,
      });
      expect(code).not.toBe(0);
      expect(output).toContain(file);
      expect(output).toMatch(/damaged/);
      expect(output).toMatch(/restore the data dir from a backup/);
    } finally {
      removeDataDir(server.dataDir);
    }
  });
});
