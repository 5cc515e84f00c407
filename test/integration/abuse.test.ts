// Tried as an attacker on the branch Wi-Fi would (DESIGN §8), over real sockets from many source
// addresses (127.0.0.x, one per "phone"): junk pushed requests, an authorization flood, open
// redirects, management token guessing and token guessing. Every unauthenticated write is bounded,
// throttles answer 429 with Retry-After and write nothing, and the genuine holder and the clerk
// are still served.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorization } from '../support/authorization-code-wallet';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS } from './support/fixtures';
import { dirBytes, fromAddress, type Answer } from './support/from-address';
import { readEventStream } from '../../shared/http/event-stream';

let server: CounterServer;
let wallet: string;
let issuerState: string;
let posterUri: string;
let startBytes: number;
let startDbBytes: number;
const MB = 1024 * 1024;
const JUNK = 'ATTACKER-JUNK-0123456789abcdef';

/** Files under `dir` whose raw bytes contain `text`. */
function filesContaining(dir: string, text: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => readFileSync(file).includes(Buffer.from(text)));
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const challenge = () => createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
const pkce = () => ({ code_challenge: challenge(), code_challenge_method: 'S256' });
const phone = (n: number) => `127.0.0.${n}`;
const json = (a: Answer) => JSON.parse(a.text) as Record<string, unknown>;
const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

async function eventCount(type: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = (await (await server.api(`/v1/analytics/events?type=${type}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
      data: unknown[];
      nextCursor?: string;
    };
    count += page.data.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  wallet = `http://127.0.0.1:${port}`;
  server = await startCounter({ args: ['--host', '0.0.0.0', '--port', String(port), '--clerk-port', '0', '--public-url', wallet] });
  const mdlId = await configurationId(server, 'org.iso.18013.5.1.mDL');
  const poster = (await (await server.api('/v1/openid/offers', { method: 'POST', json: { credentials: [mdlId] } })).json()) as {
    uri: string;
  };
  posterUri = poster.uri;
  issuerState = JSON.parse(new URL(poster.uri).searchParams.get('credential_offer')!).grants.authorization_code.issuer_state;
  startBytes = dirBytes(server.dataDir);
  startDbBytes = statSync(join(server.dataDir, 'counter.sqlite')).size;
}, 60_000);
afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

describe('an attacker on the branch Wi-Fi', () => {
  it('pushes 400 KB of junk at PAR: only known parameters are kept, 20 waiting per address, then 429', async () => {
    const junk = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`junk${i}`, JUNK.repeat(Math.ceil((100 * 1024) / JUNK.length))]));
    const body = () =>
      new URLSearchParams({
        response_type: 'code',
        client_id: 'attacker',
        redirect_uri: 'https://evil.example/cb',
        scope: 'org.iso.18013.5.1.mDL',
        ...pkce(),
        ...junk,
      }).toString();
    expect(body().length).toBeGreaterThan(400 * 1024);
    const answers: Answer[] = [];
    for (let n = 10; n < 16; n++) {
      for (let i = 0; i < 25; i++)
        answers.push(await fromAddress(phone(n), `${wallet}/v1/oauth/par`, { method: 'POST', headers: form, body: body() }));
    }
    expect(tally(answers)).toEqual({ 201: 6 * 20, 429: 6 * 5 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(json(refused)).toMatchObject({ error: 'slow_down' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // A known parameter over its cap is refused outright.
    const long = await fromAddress(phone(16), `${wallet}/v1/oauth/par`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({
        response_type: 'code',
        client_id: 'a',
        redirect_uri: 'https://evil.example/cb',
        state: 'x'.repeat(400 * 1024),
      }).toString(),
    });
    expect(long.status).toBe(400);
    expect(json(long)).toMatchObject({ error: 'invalid_request', error_description: 'state is longer than 512 characters' });
    // 60 MB of junk arrived; not one byte of it is anywhere in the data dir (WAL included).
    expect(filesContaining(server.dataDir, JUNK)).toEqual([]);
    expect(filesContaining(server.dataDir, 'attacker').length).toBeGreaterThan(0); // the positive control: what was kept
  }, 60_000);

  it('floods the authorization endpoint: 20 waiting per address, 1,000 in all, and the genuine holder is still found by their code', async () => {
    // The genuine holder's phone, with the real wallet library, before the flood fills the queue.
    const holder = await startAuthorization(posterUri, { usePar: false });
    const authorize = (n: number) =>
      fromAddress(
        phone(n),
        `${wallet}/v1/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'flood', redirect_uri: 'https://evil.example/cb', issuer_state: issuerState, ...pkce() })}`,
      );
    // The clerk's Requests screen follows the queue meanwhile.
    const updates: number[] = [];
    const stream = new AbortController();
    const response = await fetch(`${server.clerkUrl}/v1/openid/authorizations/events`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
      signal: stream.signal,
    });
    const reading = readEventStream(
      response.body!,
      (m) => updates.push((JSON.parse(m.data) as { data: unknown[] }).data.length),
      stream.signal,
    );

    const answers: Answer[] = [];
    for (let n = 20; n < 75; n++) for (let i = 0; i < 22; i++) answers.push(await authorize(n));
    const counts = tally(answers);
    // One update per burst of changes, not the whole list once per request.
    for (let i = 0; i < 100 && updates.at(-1) !== 100; i++) await new Promise((r) => setTimeout(r, 20));
    stream.abort();
    await reading.catch(() => undefined);
    console.log(`the Requests stream sent ${updates.length} updates while 1,210 requests arrived`);
    expect(updates.at(-1)).toBe(100);
    expect(updates.length).toBeLessThan(999 / 10);
    // 55 phones × 22 tries: 999 more fit beside the holder's; the others are told to wait (429: this
    // phone has 20 waiting) or find the counter full (503: 1,000 waiting in all).
    expect(counts[303]).toBe(999);
    expect(counts[429]! + counts[503]!).toBe(55 * 22 - 999);
    expect(counts[429]).toBeGreaterThanOrEqual(49 * 2);
    expect(counts[503]).toBeGreaterThan(0);
    for (const refused of answers.filter((a) => a.status >= 400)) {
      expect(refused.headers['content-type']).toMatch(/text\/html/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers.location).toBeUndefined();
    }
    expect(answers.find((a) => a.status === 429)!.text).toMatch(/already has 20 requests waiting/);
    expect(answers.find((a) => a.status === 503)!.text).toMatch(/too many requests waiting/);

    // Short codes are unique among the 1,000 pending requests: the clerk types the holder's and finds exactly theirs.
    const found = (await (await server.api(`/v1/openid/authorizations?status=pending&code=${holder.shortCode}`)).json()) as {
      data: { id: string; clientId: string; shortCode: string }[];
    };
    expect(found.data).toHaveLength(1);
    expect(found.data[0]).toMatchObject({ clientId: 'counter-test-wallet', shortCode: holder.shortCode });
    const approved = await server.api(`/v1/openid/authorizations/${found.data[0]!.id}/approve`, {
      method: 'POST',
      json: { claims: MDL_CLAIMS },
    });
    expect(approved.status).toBe(200);
    const result = await holder.finish();
    expect(result.issuerSigned.length).toBeGreaterThan(1000);
  }, 120_000);

  it('writes nothing for a throttled authorization request, not even an analytics event', async () => {
    const address = phone(80);
    const url = `${wallet}/v1/oauth/authorize?response_type=code`;
    for (let i = 0; i < 30; i++) expect((await fromAddress(address, url)).status).toBe(400);
    const before = await eventCount('OPENID_AUTHORIZE_START');
    const throttled = await Promise.all(Array.from({ length: 50 }, () => fromAddress(address, url)));
    expect(tally(throttled)).toEqual({ 429: 50 });
    expect(throttled[0]!.text).toMatch(/Too many requests from this device/);
    expect(await eventCount('OPENID_AUTHORIZE_START')).toBe(before);
  });

  it('cannot bounce a holder to a site the kiosk does not trust', async () => {
    for (const params of <Record<string, string>[]>[
      { response_type: 'token', client_id: 'x', redirect_uri: 'https://evil.example/phish', issuer_state: issuerState, ...pkce() },
      { response_type: 'code', client_id: 'x', redirect_uri: 'https://evil.example/phish', issuer_state: issuerState },
      { response_type: 'code', client_id: 'x', redirect_uri: 'https://evil.example/phish', scope: 'no.such.doctype', ...pkce() },
    ]) {
      const answer = await fromAddress(phone(81), `${wallet}/v1/oauth/authorize?${new URLSearchParams(params)}`);
      expect(answer.status).toBe(400);
      expect(answer.headers.location).toBeUndefined();
      expect(answer.text).not.toMatch(/evil\.example/);
    }
  });

  it('guesses management tokens: 401, then 429 with Retry-After after 30; the admin token still works from another address', async () => {
    const guess = (n: number, token: string, base = server.clerkUrl) =>
      fromAddress(phone(n), `${base}/v1/openid/offers/pre-authorized`, { headers: { authorization: `Bearer ${token}` } });
    // From the Wi-Fi the management API is not even there.
    expect((await guess(90, randomBytes(24).toString('base64url'), wallet)).status).toBe(404);
    expect((await guess(90, server.adminToken, wallet)).status).toBe(404);

    const answers: Answer[] = [];
    for (let i = 0; i < 40; i++) answers.push(await guess(91, randomBytes(24).toString('base64url')));
    expect(tally(answers)).toEqual({ 401: 30, 429: 10 });
    const refused = answers.at(-1)!;
    expect(json(refused)).toMatchObject({ code: 'TooManyRequests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The throttled address waits even with the right token; anyone else is served.
    expect((await guess(91, server.adminToken)).status).toBe(429);
    expect((await guess(92, server.adminToken)).status).toBe(200);
    expect((await server.api('/v1/counter/settings')).status).toBe(200);
  });

  it('guesses pre-authorized codes: 429 with Retry-After after 30 wrong ones, nothing written for the throttled, and the offer still works', async () => {
    const offer = await createMdlOffer(server);
    const before = await eventCount('OPENID_TOKEN_START');
    const token = (n: number, code: string) =>
      fromAddress(phone(n), `${wallet}/v1/oauth/token`, {
        method: 'POST',
        headers: form,
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
          'pre-authorized_code': code,
        }).toString(),
      });
    const answers: Answer[] = [];
    for (let i = 0; i < 60; i++) answers.push(await token(95, randomBytes(32).toString('base64url')));
    expect(tally(answers)).toEqual({ 400: 30, 429: 30 });
    expect(json(answers.at(-1)!)).toMatchObject({ error: 'slow_down' });
    expect(Number(answers.at(-1)!.headers['retry-after'])).toBeGreaterThan(0);
    expect(await eventCount('OPENID_TOKEN_START')).toBe(before + 30);
    expect((await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).status).toBe(200);
  });

  it('grew the data dir by at most a few MB in all', () => {
    const grown = dirBytes(server.dataDir) - startBytes;
    const wal = statSync(join(server.dataDir, 'counter.sqlite-wal')).size;
    const files = readdirSync(server.dataDir).map((f) => `${f} ${(statSync(join(server.dataDir, f)).size / MB).toFixed(2)} MB`);
    console.log(`data dir grew by ${(grown / MB).toFixed(2)} MB after every attack above: ${files.join(', ')}`);
    // The WAL is reused after each automatic checkpoint (every 1,000 pages, about 4 MB), so it stays
    // that size however long an attack lasts; the database itself grew by about 1 MB.
    expect(wal).toBeLessThan(4.5 * MB);
    expect(grown).toBeLessThan(6 * MB);
    expect(statSync(join(server.dataDir, 'counter.sqlite')).size - startDbBytes).toBeLessThan(2 * MB);
  });
});
