// Token endpoint rules (DESIGN §4): single use, tx_code strikes, cancelled and expired offers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveCredential } from '../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { createMdlOffer, preAuthorizedCode, tokenRequest } from './support/fixtures';

let server: CounterServer;
beforeAll(async () => {
  server = await startCounter();
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const wrong = (code: number | string | undefined) => String((Number(code) % 900000) + 100001);
const status = async (id: string) =>
  ((await (await server.api(`/v1/openid/offers/pre-authorized/${id}`)).json()) as { status: string }).status;

describe('token endpoint', () => {
  it('gives one token per code, ever', async () => {
    const offer = await createMdlOffer(server);
    const code = preAuthorizedCode(offer.uri);
    const first = await tokenRequest(server, { 'pre-authorized_code': code, tx_code: String(offer.transactionCode) });
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.c_nonce).toBe('string');
    expect(first.headers.get('cache-control')).toBe('no-store');

    const again = await tokenRequest(server, { 'pre-authorized_code': code, tx_code: String(offer.transactionCode) });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/already been used/) });
  });

  it('lets exactly one of many concurrent redemptions of one code win', async () => {
    const offer = await createMdlOffer(server);
    const params = { 'pre-authorized_code': preAuthorizedCode(offer.uri), tx_code: String(offer.transactionCode) };
    const responses = await Promise.all(Array.from({ length: 25 }, () => tokenRequest(server, params)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(24);
  });

  it('accepts the right code after two wrong ones', async () => {
    const offer = await createMdlOffer(server);
    const code = preAuthorizedCode(offer.uri);
    for (const left of [2, 1]) {
      const response = await tokenRequest(server, { 'pre-authorized_code': code, tx_code: wrong(offer.transactionCode) });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining(`${left} attempt`) });
    }
    const right = await tokenRequest(server, { 'pre-authorized_code': code, tx_code: String(offer.transactionCode) });
    expect(right.status).toBe(200);
  });

  it('locks the offer for good at the third wrong code, even for the right code afterwards', async () => {
    const offer = await createMdlOffer(server);
    const code = preAuthorizedCode(offer.uri);
    for (let i = 0; i < 3; i += 1) await tokenRequest(server, { 'pre-authorized_code': code, tx_code: wrong(offer.transactionCode) });
    expect(await status(offer.id)).toBe('locked');
    const right = await tokenRequest(server, { 'pre-authorized_code': code, tx_code: String(offer.transactionCode) });
    expect(right.status).toBe(400);
    expect(await right.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/locked/) });
    await expect(receiveCredential(offer.uri, { txCode: String(offer.transactionCode) })).rejects.toThrow(/invalid_grant/);
  });

  it('accepts the legacy user_pin name and asks for a missing tx_code without a strike', async () => {
    const offer = await createMdlOffer(server);
    const code = preAuthorizedCode(offer.uri);
    const missing = await tokenRequest(server, { 'pre-authorized_code': code });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
    const legacy = await tokenRequest(server, { 'pre-authorized_code': code, user_pin: String(offer.transactionCode) });
    expect(legacy.status).toBe(200);
  });

  it('refuses a cancelled offer and kills the token it already gave', async () => {
    const offer = await createMdlOffer(server);
    const code = preAuthorizedCode(offer.uri);
    const token = (await (await tokenRequest(server, { 'pre-authorized_code': code, tx_code: String(offer.transactionCode) })).json()) as {
      access_token: string;
    };
    expect((await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await status(offer.id)).toBe('cancelled');
    const credential = await fetch(`${server.url}/v1/openid/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credential_configuration_id: 'x', proofs: { jwt: ['x'] } }),
    });
    expect(credential.status).toBe(401);
    expect(((await credential.json()) as { error: string }).error).toBe('invalid_token');

    const cancelled = await createMdlOffer(server);
    await server.api(`/v1/openid/offers/pre-authorized/${cancelled.id}`, { method: 'DELETE' });
    const refused = await tokenRequest(server, {
      'pre-authorized_code': preAuthorizedCode(cancelled.uri),
      tx_code: String(cancelled.transactionCode),
    });
    expect(await refused.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/cancelled/) });
  });

  it('refuses an expired offer', async () => {
    const offer = await createMdlOffer(server, { expiresIn: { seconds: 1 } });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await status(offer.id)).toBe('expired');
    const response = await tokenRequest(server, {
      'pre-authorized_code': preAuthorizedCode(offer.uri),
      tx_code: String(offer.transactionCode),
    });
    expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
  });

  it('answers unknown codes, grant types and bad bodies in OAuth shape', async () => {
    const unknown = await tokenRequest(server, { 'pre-authorized_code': 'nope' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toBe('invalid_grant');
    const grant = await tokenRequest(server, { grant_type: 'password' });
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const json = await fetch(`${server.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
    const repeated = await fetch(`${server.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=a&grant_type=b',
    });
    expect(((await repeated.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('token endpoint throttle', () => {
  it('answers 429 with Retry-After once an address has guessed wrong too often, without queueing', async () => {
    const throttled = await startCounter({ env: { COUNTER_TOKEN_FAILURES_PER_MINUTE: '5' } });
    try {
      const offer = await createMdlOffer(throttled);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await tokenRequest(throttled, { 'pre-authorized_code': `guess-${i}` })).status);
      expect(statuses).toEqual([400, 400, 400, 400, 400]);
      // Even the right code is answered 429 at once (not held back): the address must wait.
      const blocked = await tokenRequest(throttled, {
        'pre-authorized_code': preAuthorizedCode(offer.uri),
        tx_code: String(offer.transactionCode),
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await blocked.json()).toMatchObject({ error: 'slow_down' });
      // The offer itself was not touched: no strike, still pending.
      expect(((await (await throttled.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as { status: string }).status).toBe(
        'pending',
      );
    } finally {
      await throttled.stop();
      removeDataDir(throttled.dataDir);
    }
  });
});
