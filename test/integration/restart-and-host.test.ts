// The headless host contract (DESIGN §2) and durability (DESIGN §6).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receiveCredential } from '../support/wallet';
import { newDataDir, removeDataDir, runServeToExit, startCounter } from './support/counter-server';
import { createMdlOffer } from './support/fixtures';

const dirs: string[] = [];
const dataDir = () => {
  const dir = newDataDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach(removeDataDir));

describe('headless host', () => {
  it('keeps offers and keys across a restart, and the offer still works', async () => {
    const dir = dataDir();
    const first = await startCounter({ dataDir: dir });
    const offer = await createMdlOffer(first);
    const iaca = await (await fetch(`${first.url}/v1/mdoc/iacas`)).text();
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('Counter stopping (SIGTERM)');

    const second = await startCounter({ dataDir: dir, adminToken: first.adminToken });
    try {
      expect(await (await fetch(`${second.url}/v1/mdoc/iacas`)).text()).toBe(iaca);
      const summary = (await (await second.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as { status: string };
      expect(summary.status).toBe('pending');
      // The offer carries the old port in its issuer URL; redeem it at the new one.
      const uri = offer.uri.replace(encodeURIComponent(first.url), encodeURIComponent(second.url));
      const meta = (await (await fetch(`${second.url}/.well-known/openid-credential-issuer`)).json()) as { credential_issuer: string };
      expect(meta.credential_issuer).toBe(second.url);
      await receiveCredential(uri, { txCode: String(offer.transactionCode) });
    } finally {
      await second.stop();
    }
  });

  it('loses no acknowledged offer to kill -9', async () => {
    const dir = dataDir();
    const server = await startCounter({ dataDir: dir });
    const created = await Promise.all(Array.from({ length: 30 }, () => createMdlOffer(server)));
    await server.kill9();
    const again = await startCounter({ dataDir: dir, adminToken: server.adminToken });
    try {
      const listed = (await (await again.api('/v1/openid/offers/pre-authorized?limit=1000')).json()) as { data: { id: string }[] };
      const ids = new Set(listed.data.map((o) => o.id));
      expect(created.every((o) => ids.has(o.id))).toBe(true);
    } finally {
      await again.stop();
    }
  });

  it('keeps private keys and the generated admin token readable by the owner only', async () => {
    const dir = dataDir();
    const server = await startCounter({ dataDir: dir, adminToken: '' });
    try {
      const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
      expect(server.output()).toContain(token);
      expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
      expect((await server.api('/v1/openid/offers/pre-authorized', { token })).status).toBe(200);
      const keys = readdirSync(join(dir, 'keys')).sort();
      expect(keys).toEqual([
        expect.stringMatching(/^ds-[0-9a-f-]{36}\.pem$/),
        expect.stringMatching(/^iaca-[0-9a-f-]{36}\.pem$/),
        expect.stringMatching(/^sl-[0-9a-f-]{36}\.pem$/), // the status-list signer (DESIGN §11)
      ]);
      for (const file of keys) expect(statSync(join(dir, 'keys', file)).mode & 0o777).toBe(0o600);
    } finally {
      await server.stop();
    }
  });

  it('encrypts the private keys with COUNTER_KEY_PASSPHRASE and will not start without it', async () => {
    const dir = dataDir();
    const server = await startCounter({ dataDir: dir, env: { COUNTER_KEY_PASSPHRASE: 'counter branch 7' } });
    const iaca = await (await fetch(`${server.url}/v1/mdoc/iacas`)).text();
    await server.stop();
    const keys = readdirSync(join(dir, 'keys'));
    expect(keys).toHaveLength(3);
    for (const file of keys) {
      expect(file).toMatch(/^(ds|iaca|sl)-[0-9a-f-]{36}\.sealed$/);
      expect(readFileSync(join(dir, 'keys', file), 'utf8')).not.toContain('PRIVATE KEY');
      expect(statSync(join(dir, 'keys', file)).mode & 0o777).toBe(0o600);
    }

    const without = await runServeToExit(['--port', '0', '--data-dir', dir]);
    expect(without.code).toBe(1);
    expect(without.output).toMatch(/set COUNTER_KEY_PASSPHRASE/);
    const wrong = await runServeToExit(['--port', '0', '--data-dir', dir], { COUNTER_KEY_PASSPHRASE: 'guess' });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/wrong passphrase/);

    const again = await startCounter({ dataDir: dir, adminToken: server.adminToken, env: { COUNTER_KEY_PASSPHRASE: 'counter branch 7' } });
    try {
      expect(await (await fetch(`${again.url}/v1/mdoc/iacas`)).text()).toBe(iaca);
    } finally {
      await again.stop();
    }
  });

  it('refuses a second instance on the same data dir', async () => {
    const dir = dataDir();
    const server = await startCounter({ dataDir: dir });
    try {
      const second = await runServeToExit(['--port', '0', '--data-dir', dir]);
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/already running/);
    } finally {
      await server.stop();
    }
  });

  it('exits non-zero with a clear message on a bad flag, a busy port or an unusable data dir', async () => {
    const badFlag = await runServeToExit(['--prot', '1']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.output).toMatch(/Unknown option '--prot'/);
    expect((await runServeToExit(['--port', 'eighty'])).output).toMatch(/--port must be a number/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = await runServeToExit(['--port', String(port), '--data-dir', dataDir()]);
      expect(busy.code).toBe(1);
      expect(busy.output).toMatch(/already in use/);
    } finally {
      blocker.close();
    }

    const file = join(dataDir(), 'a-file');
    await import('node:fs').then((fs) => fs.writeFileSync(file, 'x'));
    const unusable = await runServeToExit(['--port', '0', '--data-dir', join(file, 'sub')]);
    expect(unusable.code).toBe(1);
    expect(unusable.output).toMatch(/Cannot use data dir/);
  });
});
