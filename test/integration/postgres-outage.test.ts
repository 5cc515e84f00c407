// DESIGN §8, §13: when the PostgreSQL server goes away, Counter answers 503 in each error family's
// shape (never a 500, never a crash), and serves again once the server is back, without a restart;
// live status crosses processes again after the LISTEN connection has come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpCounterApi } from '../../shared/http/http-counter-api';
import type { OfferStatus } from '../../shared/api/z-pre-authorized-offer';
import { postgresUnavailableReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { newDataDir, removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { createMdlOffer, preAuthorizedCode, tokenRequest } from './support/fixtures';

const reason = postgresUnavailableReason();
if (reason) console.warn(`Skipping the PostgreSQL outage test: ${reason}`);

let cluster: PostgresCluster;
let a: CounterServer;
let b: CounterServer;
let dataDir: string;

describe.skipIf(reason !== undefined)('PostgreSQL outage', () => {
  beforeAll(async () => {
    // A cluster of its own: this test stops it.
    cluster = await startPostgresCluster();
    const args = ['--database-url', await cluster.createDatabase('outage')];
    dataDir = newDataDir();
    a = await startCounter({ dataDir, args });
    b = await startCounter({ dataDir, adminToken: a.adminToken, args });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await cluster?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('answers 503 while the database is down and serves again once it is back', async () => {
    const before = await createMdlOffer(a);
    cluster.halt();
    try {
      const offer = await a.api('/v1/openid/offers/pre-authorized?limit=5');
      expect(offer.status).toBe(503);
      expect(await offer.json()).toMatchObject({ code: 'StorageUnavailable', message: expect.stringMatching(/database server/) });
      const token = await tokenRequest(b, {
        'pre-authorized_code': preAuthorizedCode(before.uri),
        tx_code: String(before.transactionCode),
      });
      expect(token.status).toBe(503);
      expect(await token.json()).toMatchObject({ error: 'temporarily_unavailable' });
      // A load balancer's readiness probe sees it, and the liveness probe does not (no restart needed).
      const ready = await fetch(`${a.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ code: 'NotReady', details: [expect.objectContaining({ param: 'database' })] });
      expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    } finally {
      cluster.resume();
    }
    // Back: the pools reconnect on their own, and nothing acknowledged was lost.
    await expect
      .poll(async () => (await a.api(`/v1/openid/offers/pre-authorized/${before.id}`)).status, { timeout: 15_000, interval: 250 })
      .toBe(200);
    const token = await tokenRequest(b, { 'pre-authorized_code': preAuthorizedCode(before.uri), tx_code: String(before.transactionCode) });
    expect(token.status).toBe(200);
    expect((await createMdlOffer(b)).id).toEqual(expect.any(String));
    // Ready again once the change feed has its LISTEN connection back too.
    await expect.poll(async () => (await fetch(`${b.url}/readyz`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
  });

  it('carries live status across processes again after the outage', async () => {
    const offer = await createMdlOffer(a);
    const seen: OfferStatus[] = [];
    const stop = createHttpCounterApi({ baseUrl: a.url, token: a.adminToken }).watchOffer(offer.id, (event) => {
      if (event.type === 'status') seen.push(event.offer.status);
    });
    try {
      await expect.poll(() => seen.includes('pending'), { timeout: 5_000 }).toBe(true);
      // B's and A's LISTEN connections were cut by the outage above and have reconnected by now.
      await expect
        .poll(
          async () => {
            const token = await tokenRequest(b, {
              'pre-authorized_code': preAuthorizedCode(offer.uri),
              tx_code: String(offer.transactionCode),
            });
            return token.status;
          },
          { timeout: 10_000, interval: 500 },
        )
        .toBe(200);
      await expect.poll(() => seen.at(-1), { timeout: 5_000 }).toBe('token_issued');
    } finally {
      stop();
    }
  });
});
