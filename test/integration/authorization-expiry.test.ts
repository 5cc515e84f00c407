// Expiry of holder authorizations and their codes (DESIGN §4), in process with a clock the test
// moves: the real engine, real SQLite, its real fetch handler (no socket needed to move time).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/host/create-engine';
import { newDataDir, removeDataDir } from './support/counter-server';
import { MDL_CLAIMS } from './support/fixtures';
import { sha256 } from '../../electron/engine/core/util/secrets';

const ISSUER = 'https://counter.test';
const TOKEN = 'test-admin-token';
let now = Date.UTC(2026, 10, 23, 9, 0, 0);
let engine: Engine;
let dataDir: string;

const call = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init;
  return engine.app.request(path, {
    ...rest,
    headers: { authorization: `Bearer ${TOKEN}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
};

beforeAll(async () => {
  dataDir = newDataDir();
  engine = await createEngine({ dataDir, publicUrl: ISSUER, adminToken: TOKEN, clock: { now: () => now }, log: () => {} });
});
afterAll(async () => {
  await engine.close();
  removeDataDir(dataDir);
});

async function startAuthorization() {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/v1/oauth/authorize', ISSUER);
  const params = {
    response_type: 'code',
    client_id: 'w',
    redirect_uri: 'https://wallet.example/cb',
    scope: 'org.iso.18013.5.1.mDL',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await engine.app.request(url.pathname + url.search);
  expect(response.status).toBe(303);
  const waitPath = response.headers.get('location')!;
  const { data } = (await (await call('/v1/openid/authorizations?status=pending')).json()) as { data: { id: string; status: string }[] };
  return { waitPath, id: data[0]!.id, verifier };
}

describe('authorization expiry', () => {
  it('expires a pending authorization after ten minutes: the holder is told, the clerk cannot approve', async () => {
    const { waitPath, id } = await startAuthorization();
    expect((await engine.app.request(waitPath)).status).toBe(200);
    now += 601_000;
    const expired = await engine.app.request(waitPath);
    expect(expired.status).toBe(303);
    expect(new URL(expired.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    expect((await call(`/v1/openid/authorizations/${id}/approve`, { method: 'POST', json: { claims: MDL_CLAIMS } })).status).toBe(409);
    const { data } = (await (await call('/v1/openid/authorizations?status=expired')).json()) as { data: { id: string }[] };
    expect(data.map((a) => a.id)).toContain(id);
  });

  it('expires an approved code that is not exchanged in time, and erases its claims', async () => {
    const { waitPath, id, verifier } = await startAuthorization();
    expect((await call(`/v1/openid/authorizations/${id}/approve`, { method: 'POST', json: { claims: MDL_CLAIMS } })).status).toBe(200);
    const code = new URL((await engine.app.request(waitPath)).headers.get('location')!).searchParams.get('code')!;
    now += 121_000;
    const token = await engine.app.request('/v1/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: 'https://wallet.example/cb',
      }),
    });
    expect(await token.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
    await engine.context.stores.offers.expireDue(now);
    expect((await engine.context.stores.offers.getByCodeHash(sha256(code)))?.sealedClaims).toBeUndefined();
  });
});
