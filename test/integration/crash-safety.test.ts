// DESIGN §6: kill -9 the server in the middle of a load run, restart it on the same data dir.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueOnce, StepFailed } from '../support/raw-issuance';
import { newDataDir, removeDataDir, startCounter } from './support/counter-server';
import { configurationId, MDL_CLAIMS } from './support/fixtures';

const dataDir = newDataDir();
afterAll(() => removeDataDir(dataDir));

describe('crash safety', () => {
  it('keeps every acknowledged offer and credential, and no credential twice, across kill -9 under load', async () => {
    const server = await startCounter({ dataDir });
    const target = {
      url: server.url,
      adminToken: server.adminToken,
      configurationId: await configurationId(server, 'org.iso.18013.5.1.mDL'),
      claims: MDL_CLAIMS,
    };
    const acknowledgedOffers = new Set<string>();
    const acknowledgedCredentials = new Set<string>();
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const { offerId } = await issueOnce(target, (step, _ms, id) => step === 'offer' && id && acknowledgedOffers.add(id));
          acknowledgedCredentials.add(offerId);
        } catch (error) {
          // After the kill every request fails (connection refused/reset); anything else is a bug.
          if (error instanceof StepFailed) throw error;
          return;
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((r) => setTimeout(r, 2_000));
    await server.kill9();
    stop = true;
    await Promise.all(workers);
    expect(acknowledgedOffers.size).toBeGreaterThan(20);
    expect(acknowledgedCredentials.size).toBeGreaterThan(5);

    const again = await startCounter({ dataDir, adminToken: server.adminToken });
    const listed = (await (await again.api('/v1/openid/offers/pre-authorized?limit=1000')).json()) as {
      data: { id: string; status: string }[];
    };
    const byId = new Map(listed.data.map((o) => [o.id, o.status]));
    for (const id of acknowledgedOffers) expect(byId.has(id), `offer ${id} acknowledged with 201 but lost`).toBe(true);
    for (const id of acknowledgedCredentials) expect(byId.get(id), `credential of ${id} acknowledged but not recorded`).toBe('claimed');
    await again.stop();

    const db = new Database(join(dataDir, 'counter.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const twice = db.prepare('SELECT offer_id, configuration_id, count(*) AS n FROM issued_credentials GROUP BY 1, 2 HAVING n > 1').all();
      expect(twice).toEqual([]);
      const recorded = db.prepare('SELECT count(*) AS n FROM issued_credentials').get() as { n: number };
      expect(recorded.n).toBeGreaterThanOrEqual(acknowledgedCredentials.size);
    } finally {
      db.close();
    }
  });
});
