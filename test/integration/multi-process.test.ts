// DESIGN §13: two real `npm run serve` processes on one PostgreSQL database and one data dir,
// behind one issuer URL (a path-routing proxy standing in for the load balancer).
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createHttpCounterApi } from '../../shared/http/http-counter-api';
import type { OfferStatus } from '../../shared/api/z-pre-authorized-offer';
import { freshDatabase, postgresSkipReason } from '../support/postgres';
import { startPathRouter, type PathRouter } from '../support/path-router';
import { issueOnce, StepFailed } from '../support/raw-issuance';
import { receiveCredential } from '../support/wallet';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { startAuthorization } from '../support/authorization-code-wallet';
import { newDataDir, removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS, preAuthorizedCode } from './support/fixtures';

let databaseUrl: string;
let dataDir: string;
let router: PathRouter;
let a: CounterServer;
let b: CounterServer;
const FAILURES_PER_MINUTE = 5;

/** A form POST from a chosen source address (one phone per 127.0.0.x). */
function postForm(
  url: string,
  form: Record<string, string>,
  localAddress: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const req = httpRequest(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

async function status(server: CounterServer, id: string): Promise<OfferStatus> {
  return ((await (await server.api(`/v1/openid/offers/pre-authorized/${id}`)).json()) as { status: OfferStatus }).status;
}

describe.skipIf(postgresSkipReason !== undefined)('two Counter processes on one PostgreSQL database', () => {
  beforeAll(async () => {
    databaseUrl = await freshDatabase('multi');
    dataDir = newDataDir();
    // Until both are up, everything goes to the first.
    router = await startPathRouter(() => a.url);
    const args = ['--database-url', databaseUrl, '--public-url', router.url];
    const env = { COUNTER_TOKEN_FAILURES_PER_MINUTE: String(FAILURES_PER_MINUTE) };
    // Same data dir, same admin token, started together: one IACA, one admin token, one seeding.
    const adminToken = 'multi-process-admin-token-0123456789abcdef';
    [a, b] = await Promise.all([startCounter({ dataDir, adminToken, args, env }), startCounter({ dataDir, adminToken, args, env })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await router?.close();
    removeDataDir(dataDir);
  });

  it('shares one IACA and one set of configurations', async () => {
    const iacas = await Promise.all([a, b].map(async (s) => (await (await fetch(`${s.url}/v1/mdoc/iacas`)).json()) as unknown));
    expect(iacas[0]).toEqual(iacas[1]);
    const ids = await Promise.all([a, b].map((s) => configurationId(s, 'org.iso.18013.5.1.mDL')));
    expect(ids[0]).toBe(ids[1]);
    const listed = (await (await a.api('/v2/credentials/mobile/configurations')).json()) as { data: unknown[] };
    expect(listed.data).toHaveLength(2);
  });

  it('gives exactly one token for 30 concurrent redemptions of one code split across both', async () => {
    const offer = await createMdlOffer(a);
    const form = {
      grant_type: PRE_AUTHORIZED,
      'pre-authorized_code': preAuthorizedCode(offer.uri),
      tx_code: String(offer.transactionCode),
    };
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postForm(`${(i % 2 ? a : b).url}/v1/oauth/token`, form, `127.0.0.${10 + (i % 15)}`)),
    );
    const won = answers.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(won[0]!.body.access_token).toEqual(expect.any(String));
    expect(answers.filter((r) => r.status === 400).every((r) => r.body.error === 'invalid_grant')).toBe(true);
    expect(answers.filter((r) => r.status === 400)).toHaveLength(29);
    expect(await status(b, offer.id)).toBe('token_issued');
  });

  it('shares tx_code strikes: wrong codes at either process lock the offer at the third', async () => {
    const offer = await createMdlOffer(b);
    const code = preAuthorizedCode(offer.uri);
    const wrong = String((Number(offer.transactionCode) % 900_000) + 100_001);
    const guess = (server: CounterServer, tx: string, from: string) =>
      postForm(`${server.url}/v1/oauth/token`, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code, tx_code: tx }, from);
    expect((await guess(a, wrong, '127.0.0.31')).body.error_description).toMatch(/2 attempts left/);
    expect((await guess(b, wrong, '127.0.0.32')).body.error_description).toMatch(/1 attempt left/);
    expect((await guess(a, wrong, '127.0.0.33')).body.error_description).toMatch(/now locked/);
    const right = await guess(b, String(offer.transactionCode), '127.0.0.34');
    expect(right).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(right.body.error_description).toMatch(/locked/);
    expect(await status(a, offer.id)).toBe('locked');
  });

  it('shares the per-address throttle: failures at either process count against the address', async () => {
    const from = '127.0.0.41';
    const guess = (server: CounterServer, i: number) =>
      postForm(`${server.url}/v1/oauth/token`, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': `guess-${i}` }, from);
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES_PER_MINUTE; i += 1) statuses.push((await guess(i % 2 ? a : b, i)).status);
    expect(statuses).toEqual(Array(FAILURES_PER_MINUTE).fill(400));
    expect((await guess(a, 98)).status).toBe(429);
    expect((await guess(b, 99)).status).toBe(429);
    // Another address is not affected.
    expect(
      (await postForm(`${b.url}/v1/oauth/token`, { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': 'x' }, '127.0.0.42')).status,
    ).toBe(400);
  });

  it('issues an mDoc whose token came from one process and credential from the other, and the verifier accepts it', async () => {
    router.route = (_method, path) => (path.startsWith('/v1/oauth/token') ? a.url : b.url);
    router.served.length = 0;
    const offer = await createMdlOffer(a);
    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const origin = (url: string) => new URL(url).origin;
    expect(router.served.find((s) => s.path === '/v1/oauth/token')?.backend).toBe(origin(a.url));
    expect(router.served.find((s) => s.path === '/v1/openid/credential')?.backend).toBe(origin(b.url));
    const iacas = (await (await fetch(`${a.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
    const verified = await verifyIssuerSigned(result.issuerSigned, {
      trustedIacaPems: iacas.iacas.map((i) => i.certificatePem),
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(verified.claims['org.iso.18013.5.1']!.family_name).toBe(MDL_CLAIMS.family_name);
    expect(verified.deviceKeyJwk).toMatchObject({ x: result.deviceKey.publicJwk.x, y: result.deviceKey.publicJwk.y });
    expect(await status(a, offer.id)).toBe('claimed');
  });

  it("carries an offer's live status to the clerk's screen on the other process", async () => {
    const clerkOnA = createHttpCounterApi({ baseUrl: a.url, token: a.adminToken });
    const offer = await createMdlOffer(a);
    const seen: OfferStatus[] = [];
    let connected = false;
    const stop = clerkOnA.watchOffer(offer.id, (event) => {
      if (event.type === 'status') seen.push(event.offer.status);
      if (event.type === 'connection') connected = event.connected;
    });
    try {
      await expect.poll(() => connected && seen.includes('pending'), { timeout: 5_000 }).toBe(true);
      // The wallet and the other clerk talk to process B only; the watch is on A.
      const token = await postForm(
        `${b.url}/v1/oauth/token`,
        { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': preAuthorizedCode(offer.uri), tx_code: String(offer.transactionCode) },
        '127.0.0.61',
      );
      expect(token.status).toBe(200);
      // Within the heartbeat (15 s): only a signal from B can have woken A's stream this soon.
      await expect.poll(() => seen.at(-1), { timeout: 5_000 }).toBe('token_issued');
      expect((await b.api(`/v1/openid/offers/pre-authorized/${offer.id}`, { method: 'DELETE' })).status).toBe(204);
      await expect.poll(() => seen.at(-1), { timeout: 5_000 }).toBe('cancelled');
    } finally {
      stop();
    }
  });

  it("carries a holder's authorization request to the Requests screen on the other process", async () => {
    const clerkOnA = createHttpCounterApi({ baseUrl: a.url, token: a.adminToken });
    const poster = (await (
      await a.api('/v1/openid/offers', { method: 'POST', json: { credentials: [await configurationId(a, 'org.iso.18013.5.1.mDL')] } })
    ).json()) as { uri: string };
    const pendingCodes: string[][] = [];
    const stop = clerkOnA.watchAuthorizations((event) => {
      if (event.type === 'authorizations') pendingCodes.push(event.authorizations.map((r) => r.shortCode));
    });
    try {
      await expect.poll(() => pendingCodes.length, { timeout: 5_000 }).toBeGreaterThan(0);
      router.route = () => b.url;
      const pending = await startAuthorization(poster.uri);
      await expect.poll(() => pendingCodes.at(-1)?.includes(pending.shortCode), { timeout: 5_000 }).toBe(true);
      const request = (await clerkOnA.listAuthorizations({ status: 'pending' })).data.find((r) => r.shortCode === pending.shortCode)!;
      await clerkOnA.approveAuthorization(request.id, MDL_CLAIMS);
      await expect.poll(() => pendingCodes.at(-1)?.includes(pending.shortCode), { timeout: 5_000 }).toBe(false);
      const result = await pending.finish();
      expect(result.credential.length).toBeGreaterThan(100);
    } finally {
      stop();
    }
  });

  it('loses no acknowledged offer when one process is killed with -9, and the other keeps serving', async () => {
    const mdl = await configurationId(a, 'org.iso.18013.5.1.mDL');
    const target = (server: CounterServer) => ({
      url: server.url,
      audience: router.url,
      adminToken: a.adminToken,
      configurationId: mdl,
      claims: MDL_CLAIMS,
    });
    const acknowledged = new Set<string>();
    const credentials = new Set<string>();
    let afterKill = 0;
    let killed = false;
    let stop = false;
    const worker = async (server: CounterServer) => {
      while (!stop) {
        try {
          const { offerId } = await issueOnce(target(server), (step, _ms, id) => step === 'offer' && id && acknowledged.add(id));
          credentials.add(offerId);
          if (killed && server === b) afterKill += 1;
        } catch (error) {
          // Process A's requests fail once it is gone; nothing else may fail.
          if (error instanceof StepFailed || server === b) throw error;
          return;
        }
      }
    };
    const workers = [...Array.from({ length: 6 }, () => worker(a)), ...Array.from({ length: 6 }, () => worker(b))];
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Offers A acknowledged but nobody redeemed yet: they must still work, at B.
    const leftOnA = await Promise.all([createMdlOffer(a), createMdlOffer(a)]);
    await a.kill9();
    killed = true;
    await expect.poll(() => afterKill, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
    stop = true;
    await Promise.all(workers);

    for (const offer of leftOnA) {
      const token = await postForm(
        `${b.url}/v1/oauth/token`,
        { grant_type: PRE_AUTHORIZED, 'pre-authorized_code': preAuthorizedCode(offer.uri), tx_code: String(offer.transactionCode) },
        '127.0.0.51',
      );
      expect(token.status).toBe(200);
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; status: string }>('SELECT id, status FROM offers');
      const byId = new Map(rows.map((r) => [r.id, r.status]));
      for (const id of acknowledged) expect(byId.has(id), `offer ${id} acknowledged with 201 but lost`).toBe(true);
      for (const id of credentials) expect(byId.get(id), `credential of ${id} acknowledged but not recorded`).toBe('claimed');
      const twice = await client.query('SELECT offer_id, configuration_id FROM issued_credentials GROUP BY 1, 2 HAVING count(*) > 1');
      expect(twice.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
