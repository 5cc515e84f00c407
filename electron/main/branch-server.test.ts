import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startCounter, type CounterServer } from '../../test/integration/support/counter-server';
import {
  BRANCH_SERVER_FILE,
  branchServerApi,
  branchServerFromEnv,
  checkBranchServer,
  readBranchServer,
  writeBranchServer,
  type TokenSealing,
} from './branch-server';

// AES-256-GCM under a key of this test: what safeStorage does with the OS key store's key.
const key = randomBytes(32);
const sealing: TokenSealing = {
  seal: (token) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  open: (sealed) => {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  },
};

const dir = mkdtempSync(join(tmpdir(), 'counter-branch-'));
let server: CounterServer;
beforeAll(async () => {
  server = await startCounter();
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
  rmSync(dir, { recursive: true, force: true });
});

describe('branch server setting', () => {
  it('is saved owner-only with the token sealed, read back, and forgotten', () => {
    expect(readBranchServer(dir, sealing)).toBeUndefined();
    writeBranchServer(dir, { url: 'https://branch.example:8788', token: 'issuer-token-0123456789' }, sealing);
    const file = join(dir, BRANCH_SERVER_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('issuer-token-0123456789');
    expect(readBranchServer(dir, sealing)).toEqual({ url: 'https://branch.example:8788', token: 'issuer-token-0123456789' });
    expect(() => readBranchServer(dir, undefined)).toThrow(/sealed token/);
    writeBranchServer(dir, undefined, sealing);
    expect(readBranchServer(dir, sealing)).toBeUndefined();
  });

  it('refuses a damaged file rather than silently falling back to the embedded engine', () => {
    writeFileSync(join(dir, BRANCH_SERVER_FILE), '{"url": 7}');
    expect(() => readBranchServer(dir, sealing)).toThrow();
    writeBranchServer(dir, undefined, sealing);
  });

  it('takes COUNTER_BRANCH_SERVER_URL and _TOKEN from the environment', () => {
    expect(branchServerFromEnv({})).toBeUndefined();
    expect(branchServerFromEnv({ COUNTER_BRANCH_SERVER_URL: 'http://10.0.0.2:8788/', COUNTER_BRANCH_SERVER_TOKEN: 't' })).toEqual({
      url: 'http://10.0.0.2:8788',
      token: 't',
    });
    expect(() => branchServerFromEnv({ COUNTER_BRANCH_SERVER_URL: 'ftp://x', COUNTER_BRANCH_SERVER_TOKEN: 't' })).toThrow();
  });

  it('checks the server and the token before the kiosk switches, then serves the counter through it', async () => {
    await expect(checkBranchServer({ url: 'http://127.0.0.1:1', token: 't' })).rejects.toMatchObject({ status: 0 });
    await expect(checkBranchServer({ url: server.url, token: 'wrong' })).rejects.toMatchObject({ status: 401 });
    const settings = { url: server.url, token: server.adminToken };
    await checkBranchServer(settings);
    const api = branchServerApi(settings);
    const mdl = (await api.listConfigurations()).find((c) => c.type === 'org.iso.18013.5.1.mDL')!;
    const offer = await api.createOffer({ credentials: [mdl.id], claims: { family_name: 'Doe' } }).catch((e: { status: number }) => e);
    // The branch server validates as the embedded engine would: a 400 naming the missing claims.
    expect(offer).toMatchObject({ status: 400, code: 'BadRequest' });
  });
});
