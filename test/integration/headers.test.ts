// Response headers (DESIGN §8), in process: the real engine, real SQLite, its fetch handler. Every
// HTML answer carries a content security policy (the holder pages `default-src 'none'` plus their
// own style and script by hash), frame-ancestors 'none', nosniff and no referrer; every answer that
// carries a code, token or tx_code is no-store.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/host/create-engine';
import { newDataDir, removeDataDir } from './support/counter-server';
import { MDL_CLAIMS } from './support/fixtures';

const ISSUER = 'https://counter.test';
const TOKEN = 'headers-test-admin-token-0123456789abcdef';
let engine: Engine;
let dataDir: string;
let mdlId: string;

const admin = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init;
  return engine.app.request(path, {
    ...rest,
    headers: { authorization: `Bearer ${TOKEN}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
};
const form = (path: string, params: Record<string, string>) =>
  engine.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

beforeAll(async () => {
  dataDir = newDataDir();
  const uiDir = join(dataDir, 'ui');
  mkdirSync(join(uiDir, 'assets'), { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Counter</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
  engine = await createEngine({ dataDir: join(dataDir, 'data'), publicUrl: ISSUER, adminToken: TOKEN, uiDir, log: () => {} });
  const { data } = (await (await admin('/v2/credentials/mobile/configurations')).json()) as { data: { id: string; type: string }[] };
  mdlId = data.find((c) => c.type === 'org.iso.18013.5.1.mDL')!.id;
});
afterAll(async () => {
  await engine.close();
  removeDataDir(dataDir);
});

function expectPageHeaders(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

async function waitPage(): Promise<{ path: string; response: Response; html: string }> {
  const poster = (await (await admin('/v1/openid/offers', { method: 'POST', json: { credentials: [mdlId] } })).json()) as { uri: string };
  const issuerState = JSON.parse(new URL(poster.uri).searchParams.get('credential_offer')!).grants.authorization_code.issuer_state;
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'w',
    redirect_uri: 'https://wallet.example/cb',
    issuer_state: issuerState,
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const start = await engine.app.request(`/v1/oauth/authorize?${query}`);
  expect(start.status).toBe(303);
  expect(start.headers.get('cache-control')).toBe('no-store');
  const path = start.headers.get('location')!;
  const response = await engine.app.request(path);
  return { path, response, html: await response.text() };
}

describe('headers on HTML answers', () => {
  it("give the holder's wait page default-src 'none' and allow exactly its own style and script", async () => {
    const { response, html } = await waitPage();
    expect(response.status).toBe(200);
    expectPageHeaders(response);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const csp = response.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(directives).toEqual({
      'default-src': "'none'",
      'style-src': sha256(style),
      'script-src': sha256(script),
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('give the holder problem pages (400, 404) the same', async () => {
    for (const path of ['/v1/oauth/authorize?response_type=code', '/v1/oauth/authorize/wait/unknown-handle']) {
      const response = await engine.app.request(path);
      expect([400, 404]).toContain(response.status);
      expectPageHeaders(response);
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    }
  });

  it("give the counter UI's index and files the UI policy", async () => {
    for (const path of ['/', '/requests', '/assets/app.js']) {
      const response = await engine.app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'; .*frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('Cache-Control: no-store', () => {
  it('on every answer that carries a code, token or tx_code', async () => {
    const offer = await admin('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      json: { credentials: [mdlId], claims: MDL_CLAIMS, transactionCodeConfiguration: { inputMode: 'numeric' }, offerBy: 'reference' },
    });
    expect(offer.status).toBe(201);
    expect(offer.headers.get('cache-control')).toBe('no-store');
    const { uri } = (await offer.json()) as { uri: string };
    const reference = new URL(new URL(uri).searchParams.get('credential_offer_uri')!).pathname;
    expect((await engine.app.request(reference)).headers.get('cache-control')).toBe('no-store');

    const apiToken = await admin('/v1/counter/api-tokens', { method: 'POST', json: { name: 'headers', role: 'issuer' } });
    expect(apiToken.status).toBe(201);
    expect(apiToken.headers.get('cache-control')).toBe('no-store');

    for (const response of [
      await engine.app.request('/v1/openid/nonce', { method: 'POST' }),
      await form('/v1/oauth/token', { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': 'x' }),
      await form('/v1/oauth/par', {
        response_type: 'code',
        client_id: 'w',
        redirect_uri: 'https://wallet.example/cb',
        scope: 'org.iso.18013.5.1.mDL',
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
      }),
    ]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('and nosniff and no referrer on JSON answers too', async () => {
    for (const response of [await admin('/v1/counter/settings'), await engine.app.request('/.well-known/openid-credential-issuer')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
