// DESIGN §13 operations: liveness and readiness probes, Prometheus metrics, deployment warnings
// (a TLS certificate about to expire, a public URL naming an IP address) in /readyz and Settings,
// and structured JSON logs, against real `npm run serve` processes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueOnce } from '../support/raw-issuance';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS, preAuthorizedCode, tokenRequest } from './support/fixtures';

const started: CounterServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const s of started) removeDataDir(s.dataDir);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const start = async (options: Parameters<typeof startCounter>[0] = {}) => {
  const server = await startCounter(options);
  started.push(server);
  return server;
};

/** One sample of a Prometheus text exposition, by metric name and labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[3] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(match[4]);
  }
  return undefined;
}

function getInsecureJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    httpsGet(url, { rejectUnauthorized: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    }).on('error', reject);
  });
}

describe('operations endpoints', () => {
  it('answers /healthz and /readyz without a token, and /readyz names its checks', async () => {
    const server = await start();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, keys: { ok: true, documentSignerNotAfter: expect.any(String) } },
      warnings: [],
    });
  });

  it('counts offers, tokens, credentials and failures by kind, with latency histograms, in /metrics', async () => {
    const server = await start();
    const mdl = await configurationId(server, 'org.iso.18013.5.1.mDL');
    await issueOnce({ url: server.url, adminToken: server.adminToken, configurationId: mdl, claims: MDL_CLAIMS });
    const offer = await createMdlOffer(server);
    expect((await tokenRequest(server, { 'pre-authorized_code': preAuthorizedCode(offer.uri), tx_code: '000000' })).status).toBe(400);
    expect((await tokenRequest(server, { 'pre-authorized_code': 'no-such-code' })).status).toBe(400);

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'counter_offers_created_total', { kind: 'pre_authorized' })).toBe(2);
    expect(sample(text, 'counter_tokens_issued_total', { grant: 'urn:ietf:params:oauth:grant-type:pre-authorized_code' })).toBe(1);
    expect(sample(text, 'counter_credentials_issued_total')).toBe(1);
    expect(sample(text, 'counter_failures_total', { operation: 'OPENID_TOKEN', error: 'invalid_grant' })).toBe(2);
    expect(sample(text, 'counter_operation_duration_seconds_count', { operation: 'OPENID_CREDENTIAL', outcome: 'success' })).toBe(1);
    expect(sample(text, 'counter_http_request_duration_seconds_count', { route: 'token', method: 'POST', status: '200' })).toBe(1);
    expect(sample(text, 'counter_http_request_duration_seconds_count', { route: 'token', method: 'POST', status: '400' })).toBe(2);
    expect(sample(text, 'counter_http_request_duration_seconds_bucket', { route: 'credential', le: '+Inf' })).toBe(1);
    expect(sample(text, 'counter_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Labels are route ids, never raw paths or queries (which could carry an id or a code).
    expect(text).not.toContain(offer.id);
  });

  it('answers /readyz 503 NotReady, naming the database, once the database file is gone', async () => {
    const server = await start();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    renameSync(join(server.dataDir, 'counter.sqlite'), join(server.dataDir, 'moved-away.sqlite'));
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { code: string; details: { param: string; msg: string }[] };
    expect(body.code).toBe('NotReady');
    expect(body.details).toEqual([expect.objectContaining({ param: 'database', msg: expect.stringMatching(/deleted/) })]);
    // Still alive: a process restart is what it needs, not a kill by the liveness probe.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('warns in /readyz and Settings 14 days before the TLS certificate expires and when the public URL is an IP address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-ops-tls-'));
    dirs.push(dir);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '10',
        '-subj',
        '/CN=counter.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    const server = await start({
      args: ['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'), '--public-url', 'https://192.168.1.20:8787'],
    });
    const ready = await getInsecureJson(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const codes = (ready.body.warnings as { code: string; message: string }[]).map((w) => w.code);
    expect(codes.sort()).toEqual(['CertificateExpiring', 'PublicUrlIsIpAddress']);
    expect(JSON.stringify(ready.body.warnings)).toMatch(/expires in (9|10) days/);

    const settings = await new Promise<Record<string, unknown>>((resolve, reject) => {
      httpsGet(
        `${server.url}/v1/counter/settings`,
        { rejectUnauthorized: false, headers: { authorization: `Bearer ${server.adminToken}` } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
        },
      ).on('error', reject);
    });
    expect((settings.warnings as { code: string }[]).map((w) => w.code).sort()).toEqual(['CertificateExpiring', 'PublicUrlIsIpAddress']);
  });

  it('writes one JSON object per log line and per request with COUNTER_LOG_FORMAT=json', async () => {
    const server = await start({ env: { COUNTER_LOG_FORMAT: 'json' } });
    await fetch(`${server.url}/healthz?probe=1`);
    await tokenRequest(server, { 'pre-authorized_code': 'secret-guess-123' });
    await expect.poll(() => server.output().includes('"route":"token"'), { timeout: 5_000 }).toBe(true);
    const entries = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'info', msg: 'request', method: 'GET', route: 'healthz', status: 200 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'request', method: 'POST', route: 'token', status: 400, requestId: expect.any(String) }),
    );
    // Neither the query nor the guessed code reaches the log.
    expect(server.output()).not.toContain('probe=1');
    expect(server.output()).not.toContain('secret-guess-123');
  });
});
