// DESIGN §13: several engine processes on one database. Each PgStores here has its own pool and
// LISTEN connection, as a separate process would (test/integration/multi-process.test.ts runs
// real `npm run serve` processes).
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sha256 } from '../../core/util/secrets';
import { StorageUnavailableError } from '../../core/store-errors';
import type { NewOffer } from '../../core/store';
import { freshDatabase, postgresSkipReason } from '../../../../test/support/postgres';
import { pgMigrations } from './migrations';
import { openPgStores, type PgStores } from './pg-stores';
import { IACA, smallList } from '../store-contract-status';

const NOW = Date.UTC(2026, 10, 23, 12);
const SEALED = new Uint8Array([9, 9, 9]);
const opened: PgStores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

async function two(): Promise<[PgStores, PgStores, string]> {
  const url = await freshDatabase('shared');
  const [a, b] = await Promise.all([openPgStores(url), openPgStores(url)]);
  opened.push(a, b);
  return [a, b, url];
}

const offer = (overrides: Partial<NewOffer> = {}): NewOffer => ({
  id: crypto.randomUUID(),
  credentials: ['cfg-a'],
  createdAt: NOW,
  expiresAt: NOW + 300_000,
  codeHash: sha256(`code-${Math.random()}`),
  sealedClaims: new Uint8Array([1, 2, 3]),
  ...overrides,
});

const until = async (check: () => Promise<boolean> | boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.skipIf(postgresSkipReason !== undefined)('PostgreSQL shared by several processes', () => {
  it('never hands one status list position to two processes (DESIGN §11, §13)', async () => {
    const [a, b] = await two();
    const taken = await Promise.all(
      Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).statusLists.allocate(1 + (i % 3), IACA, smallList(64))),
    );
    const positions = taken.flatMap((t, i) => Array.from({ length: 1 + (i % 3) }, (_, k) => `${t.list.id}:${t.first + k}`));
    expect(positions).toHaveLength(240);
    expect(new Set(positions).size).toBe(240);
    const lists = await a.statusLists.list();
    expect(lists.reduce((sum, l) => sum + l.allocated, 0)).toBe(240);
    for (const list of lists) expect(list.allocated).toBeLessThanOrEqual(64);
  });

  it('migrates once when several start together on a new database', async () => {
    const url = await freshDatabase('migrate');
    const all = await Promise.all(Array.from({ length: 4 }, () => openPgStores(url)));
    opened.push(...all);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Each migration applied exactly once.
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual(
        pgMigrations.map((m) => ({ version: m.version })),
      );
      // A database from a newer Counter is refused rather than misread.
      await client.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`);
    } finally {
      await client.end();
    }
    await expect(openPgStores(url)).rejects.toThrow(/newer Counter \(schema 99/);
  });

  it('lets exactly one of 30 redemptions split across processes win', async () => {
    const [a, b] = await two();
    const o = offer();
    await a.offers.insert(o);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).offers.redeem(o.id, { hash: sha256(`t${i}`), expiresAt: NOW + 300_000 }, SEALED, NOW),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('shares strikes: three wrong codes from two processes lock the offer once', async () => {
    const [a, b] = await two();
    const o = offer();
    await a.offers.insert(o);
    const strikes = await Promise.all([a, b, a, b, a].map((s) => s.offers.strike(o.id, 3, NOW)));
    const counted = strikes.filter((s) => s !== undefined);
    expect(counted.map((s) => s!.strikes).sort()).toEqual([1, 2, 3]);
    expect(counted.filter((s) => s!.locked)).toHaveLength(1);
    expect(await b.offers.get(o.id)).toMatchObject({ status: 'locked', strikes: 3 });
    expect((await b.offers.getByCodeHash(o.codeHash))?.sealedClaims).toBeUndefined();
  });

  it('records a credential once, and a cancel racing an issuance never leaves both', async () => {
    const [a, b] = await two();
    for (let round = 0; round < 10; round += 1) {
      const o = offer({ credentials: ['cfg-a', 'cfg-b'] });
      await a.offers.insert(o);
      await a.offers.redeem(o.id, { hash: sha256(`t-${o.id}`), expiresAt: NOW + 300_000 }, SEALED, NOW);
      const credential = (n: number) => ({
        offerId: o.id,
        configurationId: 'cfg-a',
        docType: 'org.iso.18013.5.1.mDL',
        issuedAt: NOW,
        validFrom: NOW,
        validUntil: NOW + 1000,
        notificationId: crypto.randomUUID(),
        copies: [{ id: crypto.randomUUID(), deviceKeyThumbprint: `k${n}`, keyAttested: false }],
      });
      const [first, second, cancel] = await Promise.all([
        a.offers.recordIssuance(credential(1), NOW),
        b.offers.recordIssuance(credential(2), NOW),
        (round % 2 ? a : b).offers.cancel(o.id, NOW),
      ]);
      const after = await a.offers.get(o.id);
      if (cancel === 'cancelled') {
        expect([first, second]).toEqual(['inactive', 'inactive']);
        expect(after).toMatchObject({ status: 'cancelled', issued: [] });
      } else {
        expect(cancel).toBe('claimed');
        expect([first, second].sort()).toEqual(['duplicate', 'issued']);
        expect(after).toMatchObject({ status: 'token_issued', issued: ['cfg-a'] });
      }
    }
  });

  it('decides an authorization once when two processes approve it in units of work', async () => {
    const [a, b] = await two();
    const id = crypto.randomUUID();
    const codeHash = sha256(`auth-${id}`);
    await a.authorizations.insert({
      id,
      clientId: 'wallet',
      redirectUri: 'https://wallet.example/cb',
      codeChallenge: 'c'.repeat(43),
      credentials: ['cfg-a'],
      shortCode: '0421',
      clientAddress: '192.0.2.1',
      codeHash,
      handleHash: sha256(`handle-${id}`),
      createdAt: NOW,
      expiresAt: NOW + 600_000,
    });
    const approve = (stores: PgStores) =>
      stores.transaction(async (tx) => {
        const decided = await tx.authorizations.decide(id, 'approved', NOW);
        if (decided === 'done') await tx.offers.insert({ ...offer({ id, codeHash }), kind: 'authorization_code' });
        return decided;
      });
    expect((await Promise.all([approve(a), approve(b), approve(a), approve(b)])).sort()).toEqual([
      'done',
      'not_pending',
      'not_pending',
      'not_pending',
    ]);
    expect((await b.offers.getByCodeHash(codeHash))?.kind).toBe('authorization_code');
  });

  it('carries change signals to the other process, and a process hears its own once', async () => {
    const [a, b] = await two();
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    a.feed.subscribe('offer:x', () => heardByA.push('x'));
    b.feed.subscribe('offer:x', () => heardByB.push('x'));
    a.feed.publish('offer:x');
    expect(heardByA).toEqual(['x']); // at once, locally
    await until(() => heardByB.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heardByA).toEqual(['x']);
    expect(heardByB).toEqual(['x']);
  });

  it('drops a cached configuration when another process changes it', async () => {
    const [a, b] = await two();
    const configuration = {
      id: crypto.randomUUID(),
      type: 'x.y',
      claimMappings: { ns: { a: { mapFrom: 'claims.a', required: false, type: 'string' as const } } },
      expiresIn: { days: 1 },
    };
    await a.configurations.insert(configuration, NOW);
    expect((await b.configurations.get(configuration.id))?.expiresIn).toEqual({ days: 1 });
    await a.configurations.update({ ...configuration, expiresIn: { days: 2 } }, NOW);
    await until(async () => (await b.configurations.get(configuration.id))?.expiresIn.days === 2);
  });

  it('runs exclusive work of one name in one process at a time', async () => {
    const [a, b] = await two();
    const log: string[] = [];
    const hold = (stores: PgStores, tag: string) =>
      stores.exclusive('issuer-keys', async () => {
        log.push(`${tag}+`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        log.push(`${tag}-`);
      });
    await Promise.all([hold(a, 'a'), hold(b, 'b')]);
    expect([log.join(' ')]).toContainEqual(expect.stringMatching(/^(a\+ a- b\+ b-|b\+ b- a\+ a-)$/));
  });

  it('answers StorageUnavailable (unreachable) when the server cannot be reached', async () => {
    const error = await openPgStores('postgres://postgres@127.0.0.1:1/none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as StorageUnavailableError).fault).toBe('unreachable');
  });
});
