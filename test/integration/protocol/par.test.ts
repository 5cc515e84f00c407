// Pushed authorization requests (RFC 9126, DESIGN §8) in process with a moved clock: what PAR keeps
// and refuses, and the request_uri's single use and lifetime at the authorization endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../../electron/engine/core/util/secrets';
import { ISSUER, MDL_DOCTYPE, oauthError, pkceChallenge, pkceVerifier, startInProcess, type InProcessCounter } from './support/in-process';

const TRUSTED = 'https://wallet.example/cb';
const REQUEST_URI = /^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/;
let counter: InProcessCounter;
beforeAll(async () => {
  counter = await startInProcess({ trustedRedirectUris: [TRUSTED] });
});
afterAll(() => counter.close());

const pushed = (overrides: Record<string, string | undefined> = {}) =>
  Object.fromEntries(
    Object.entries({
      response_type: 'code',
      client_id: 'wallet-client',
      redirect_uri: TRUSTED,
      scope: MDL_DOCTYPE,
      code_challenge: pkceChallenge(pkceVerifier()),
      code_challenge_method: 'S256',
      state: 'pushed-state',
      ...overrides,
    }).filter((e): e is [string, string] => e[1] !== undefined),
  );
const push = (body: Record<string, string> | string, address?: string) => counter.postForm('/v1/oauth/par', body, address);
async function requestUri(overrides: Record<string, string | undefined> = {}, address?: string): Promise<string> {
  const response = await push(pushed(overrides), address);
  expect(response.status).toBe(201);
  return ((await response.json()) as { request_uri: string }).request_uri;
}
const authorizeWith = (request_uri: string, extra: Record<string, string> = {}, address?: string) =>
  counter.request(`/v1/oauth/authorize?${new URLSearchParams({ client_id: 'wallet-client', request_uri, ...extra })}`, {}, address);
const isWaiting = (response: Response) =>
  response.status === 303 && /^\/v1\/oauth\/authorize\/wait\//.test(response.headers.get('location') ?? '');
async function holderPage(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  expect(response.headers.get('location')).toBeNull();
  return response.text();
}

describe('pushed authorization requests', () => {
  it('answers 201 with a request_uri that lives 60 s, never cached; it starts one request, once', async () => {
    const response = await push(pushed());
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { request_uri: string; expires_in: number };
    expect(body).toEqual({ request_uri: expect.stringMatching(REQUEST_URI), expires_in: 60 });
    expect(isWaiting(await authorizeWith(body.request_uri))).toBe(true);
    expect(await holderPage(await authorizeWith(body.request_uri))).toMatch(/unknown, expired or already used/);
  });

  it('ends a request_uri at its lifetime: good at 59 s, gone at 60 s', async () => {
    const early = await requestUri();
    const late = await requestUri();
    counter.advance(59_000);
    expect(isWaiting(await authorizeWith(early))).toBe(true);
    counter.advance(1_000);
    expect(await holderPage(await authorizeWith(late))).toMatch(/unknown, expired or already used/);
  });

  it('uses only what was pushed: the query’s redirect_uri, state and response_type count for nothing', async () => {
    const uri = await requestUri({ state: 'pushed-state' });
    const response = await authorizeWith(uri, {
      redirect_uri: 'https://elsewhere.example/cb',
      state: 'query-state',
      response_type: 'token',
    });
    expect(isWaiting(response)).toBe(true);
    const waitPath = response.headers.get('location')!;
    const { data } = (await (await counter.api('/v1/openid/authorizations?status=pending')).json()) as { data: { id: string }[] };
    for (const { id } of data) await counter.api(`/v1/openid/authorizations/${id}/reject`, { method: 'POST' });
    const back = new URL((await counter.request(waitPath)).headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(TRUSTED);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'access_denied', state: 'pushed-state', iss: ISSUER });
  });

  it('refuses a request_uri shown with another client_id, or none, and spends it doing so', async () => {
    const uri = await requestUri();
    expect(await holderPage(await authorizeWith(uri, { client_id: 'another-client' }))).toMatch(/client_id does not match/);
    expect(await holderPage(await authorizeWith(uri))).toMatch(/unknown, expired or already used/);
    const other = await requestUri();
    expect(await holderPage(await counter.request(`/v1/oauth/authorize?request_uri=${encodeURIComponent(other)}`))).toMatch(/client_id/);
  });

  it('refuses request_uris it did not issue', async () => {
    expect(await holderPage(await authorizeWith('https://evil.example/request.jwt'))).toMatch(/not one this server issued/);
    expect(await holderPage(await authorizeWith('urn:ietf:params:oauth:request_uri:made-up'))).toMatch(/unknown, expired or already used/);
  });

  it('keeps only the parameters it knows', async () => {
    const uri = await requestUri({ 'x-junk': 'j'.repeat(2000), claims: '{}', request: 'eyJ.x.y', login_hint: 'front-desk' });
    const kept = await counter.engine.context.stores.authorizations.takePushedRequest(sha256(uri), counter.now());
    expect(Object.keys(kept ?? {}).sort()).toEqual(
      ['client_id', 'code_challenge', 'code_challenge_method', 'login_hint', 'redirect_uri', 'response_type', 'scope', 'state'].sort(),
    );
  });
});

describe('pushed authorization request refusals', () => {
  it('refuses what the authorization endpoint would, as OAuth JSON (there is no redirect from PAR)', async () => {
    const cases: [Record<string, string | undefined>, string, RegExp][] = [
      [{ response_type: 'token' }, 'invalid_request', /response_type must be code/],
      [{ code_challenge: undefined }, 'invalid_request', /PKCE is required/],
      [{ code_challenge_method: 'plain' }, 'invalid_request', /S256/],
      [{ code_challenge: 'short' }, 'invalid_request', /base64url SHA-256/],
      [{ scope: 'org.example.unknown' }, 'invalid_scope', /unknown scope/],
      [{ scope: undefined }, 'invalid_request', /scope or authorization_details/],
      [
        { scope: undefined, authorization_details: '[{"type":"openid_credential"}]' },
        'invalid_authorization_details',
        /authorization_details/,
      ],
      [{ redirect_uri: 'javascript:alert(1)' }, 'invalid_request', /javascript: scheme/],
      [{ redirect_uri: 'http://wallet.example/cb' }, 'invalid_request', /must use https/],
      [{ redirect_uri: undefined }, 'invalid_request', /redirect_uri/],
      [{ client_id: undefined }, 'invalid_request', /client_id/],
      [{ request_uri: 'urn:ietf:params:oauth:request_uri:x' }, 'invalid_request', /request_uri may not be pushed/],
      [{ state: 's'.repeat(513) }, 'invalid_request', /state is longer than 512/],
    ];
    for (const [overrides, error, description] of cases) {
      expect(await oauthError(await push(pushed(overrides))), JSON.stringify(overrides).slice(0, 80)).toEqual({
        status: 400,
        error,
        error_description: expect.stringMatching(description),
        cache: 'no-store',
      });
    }
  });

  it('refuses more than 8 KB of known parameters, repeated ones, and bodies that are not a form', async () => {
    const big = pushed({
      authorization_details: 'a'.repeat(4096),
      redirect_uri: `${TRUSTED}?${'q'.repeat(990)}`,
      resource: 'r'.repeat(1024),
      wallet_issuer: 'w'.repeat(1024),
      scope: `${MDL_DOCTYPE} ${'s'.repeat(990)}`,
    });
    expect(await oauthError(await push(big))).toMatchObject({
      status: 400,
      error: 'invalid_request',
      error_description: expect.stringMatching(/8 KB/),
    });
    const form = new URLSearchParams(pushed()).toString();
    expect(await oauthError(await push(`${form}&state=again`))).toMatchObject({
      status: 400,
      error_description: 'parameter state is repeated',
    });
    const json = await counter.request('/v1/oauth/par', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pushed()),
    });
    expect(await oauthError(json)).toMatchObject({ status: 415, error: 'invalid_request' });
    expect(await oauthError(await counter.request('/v1/oauth/par'))).toMatchObject({ status: 405 });
  });
});

describe('pending requests per address, over a moved clock', () => {
  let strict: InProcessCounter;
  beforeAll(async () => {
    strict = await startInProcess({ pendingPerAddress: 2 });
  });
  afterAll(() => strict.close());

  it('caps pushed requests per address until they expire; other addresses go on', async () => {
    const parFrom = (address: string) => strict.postForm('/v1/oauth/par', pushed(), address);
    expect((await parFrom('10.4.0.1')).status).toBe(201);
    expect((await parFrom('10.4.0.1')).status).toBe(201);
    const full = await parFrom('10.4.0.1');
    expect(full.headers.get('retry-after')).toBe('60');
    expect(await oauthError(full)).toMatchObject({ status: 429, error: 'slow_down' });
    expect((await parFrom('10.4.0.2')).status).toBe(201);
    strict.advance(60_000);
    expect((await parFrom('10.4.0.1')).status).toBe(201);
  });

  it('caps pending authorizations per address until they expire at ten minutes', async () => {
    const authorizeFrom = (address: string) =>
      strict.request(`/v1/oauth/authorize?${new URLSearchParams(pushed({ redirect_uri: 'https://any.example/cb' }))}`, {}, address);
    expect(isWaiting(await authorizeFrom('10.5.0.1'))).toBe(true);
    expect(isWaiting(await authorizeFrom('10.5.0.1'))).toBe(true);
    const full = await authorizeFrom('10.5.0.1');
    expect(full.status).toBe(429);
    expect(full.headers.get('location')).toBeNull();
    expect(full.headers.get('retry-after')).toBe('600');
    expect(isWaiting(await authorizeFrom('10.5.0.2'))).toBe(true);
    strict.advance(599_000);
    expect((await authorizeFrom('10.5.0.1')).status).toBe(429);
    strict.advance(1_000);
    expect(isWaiting(await authorizeFrom('10.5.0.1'))).toBe(true);
  });
});
