// StatusLists on a real SQLite store with a clock the test moves (DESIGN §11): tokens are signed
// when a list is made, again after a status change, and again before they expire, never otherwise.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../storage/sqlite-stores';
import { systemRandom } from '../util/secrets';
import { DEFAULT_STATUS_LIST_SETTINGS, StatusLists } from './status-lists';

const dir = mkdtempSync(join(tmpdir(), 'counter-status-lists-'));
const stores = openSqliteStores(join(dir, 'db.sqlite'));
afterAll(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let now = Date.UTC(2026, 11, 1, 9);
let signatures = 0;
const lists = new StatusLists({
  stores,
  clock: { now: () => now },
  random: systemRandom,
  settings: { ...DEFAULT_STATUS_LIST_SETTINGS, size: 64 },
  credentialIssuer: 'https://counter.test',
  signer: () => ({
    certificateDer: new Uint8Array([0x30, 0x00]),
    sign: async (data) => ((signatures += 1), new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }))),
  }),
});

describe('StatusLists', () => {
  it('signs a new list at once, serves that token until its refresh time, then signs again, once', async () => {
    const [entry] = await lists.allocate(1);
    expect(entry!.uri).toBe(`https://counter.test/v2/credentials/mobile/status-lists/${entry!.listId}/token`);
    expect(signatures).toBe(1);
    const first = (await lists.token(entry!.listId))!.token;
    await lists.maintain();
    expect(signatures).toBe(1);

    // A minute past the refresh time (a day after signing, with the defaults): maintenance signs a new one.
    now = first.issuedAt + (DEFAULT_STATUS_LIST_SETTINGS.tokenSeconds - DEFAULT_STATUS_LIST_SETTINGS.refreshBeforeSeconds) * 1000 + 60_000;
    await lists.maintain();
    expect(signatures).toBe(2);
    const second = (await lists.token(entry!.listId))!.token;
    expect(second.issuedAt).toBe(now);
    expect(second.expiresAt).toBeGreaterThan(first.expiresAt);

    // Two callers that both find it due sign once, one after the other (the list's lock).
    const concurrent = await Promise.all([lists.resign(entry!.listId), lists.resign(entry!.listId)]);
    expect(signatures).toBe(2);
    expect(concurrent[0].token).toEqual(second);
  });
});
