// Management API contract (DESIGN §3): auth and roles, MATTR error bodies, limits, CRUD.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveCredential } from '../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS } from './support/fixtures';

let server: CounterServer;
let mdlId: string;
beforeAll(async () => {
  server = await startCounter();
  mdlId = await configurationId(server, 'org.iso.18013.5.1.mDL');
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const createOffer = (json: unknown, token?: string) =>
  server.api('/v1/openid/offers/pre-authorized', { method: 'POST', json, ...(token ? { token } : {}) });

async function issuerToken(): Promise<string> {
  const response = await server.api('/v1/counter/api-tokens', { method: 'POST', json: { name: 'front desk', role: 'issuer' } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

describe('management API', () => {
  it('needs a known bearer token (401) and the right role (403)', async () => {
    const none = await server.api('/v1/openid/offers/pre-authorized', { token: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'Unauthorized', message: expect.any(String) });
    expect((await server.api('/v1/openid/offers/pre-authorized', { token: 'wrong' })).status).toBe(401);

    const issuer = await issuerToken();
    expect((await server.api('/v1/openid/offers/pre-authorized', { token: issuer })).status).toBe(200);
    expect((await server.api('/v2/credentials/mobile/configurations', { token: issuer })).status).toBe(200);
    const forbidden = await server.api('/v2/credentials/mobile/configurations', { method: 'POST', token: issuer, json: {} });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 'Forbidden' });
    expect((await server.api('/v1/analytics/events', { token: issuer })).status).toBe(403);
  });

  it('answers bad offer bodies with 400 and a detail per problem', async () => {
    const unknown = await createOffer({ credentials: ['not-a-configuration'], claims: MDL_CLAIMS });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      code: 'BadRequest',
      details: [{ param: 'credentials.0', location: 'body', value: 'not-a-configuration' }],
    });

    const claims = await createOffer({ credentials: [mdlId], claims: { ...MDL_CLAIMS, birth_date: '14/02/1990', family_name: undefined } });
    expect(claims.status).toBe(400);
    const body = (await claims.json()) as { details: { param: string }[] };
    expect(body.details.map((d) => d.param).sort()).toEqual(['claims.birth_date', 'claims.family_name']);

    // DESIGN §14: cross-field checks, one detail each, in the engine as in the form.
    const crossed = await createOffer({
      credentials: [mdlId],
      claims: { ...MDL_CLAIMS, issue_date: '2026-11-23', expiry_date: '2026-11-22', birth_date: '1990-01-31', age_over_18: false, sex: 7 },
    });
    expect(crossed.status).toBe(400);
    expect(((await crossed.json()) as { details: unknown[] }).details).toEqual([
      { value: 7, msg: 'must be one of 0, 1, 2, 9', param: 'claims.sex', location: 'body' },
    ]);
    const contradicting = await createOffer({
      credentials: [mdlId],
      claims: { ...MDL_CLAIMS, issue_date: '2026-11-23', expiry_date: '2026-11-22', birth_date: '1990-01-31', age_over_18: false },
    });
    expect(contradicting.status).toBe(400);
    expect(((await contradicting.json()) as { details: unknown[] }).details).toEqual([
      { value: '2026-11-22', msg: 'must be after Issue date', param: 'claims.expiry_date', location: 'body' },
      { value: '2026-11-22', msg: 'must be in the future', param: 'claims.expiry_date', location: 'body' },
      { value: false, msg: 'contradicts Birth date (it should be true)', param: 'claims.age_over_18', location: 'body' },
    ]);
    const unborn = await createOffer({ credentials: [mdlId], claims: { ...MDL_CLAIMS, birth_date: '2999-01-01', age_over_18: undefined } });
    expect(((await unborn.json()) as { details: unknown[] }).details).toEqual([
      { value: '2999-01-01', msg: 'must not be in the future', param: 'claims.birth_date', location: 'body' },
    ]);

    for (const bad of [
      { credentials: [] },
      { credentials: [mdlId], expiresIn: { minutes: 11 } },
      { credentials: [mdlId], transactionCodeConfiguration: { inputMode: 'emoji' } },
      { credentials: [mdlId], surprise: true },
      [],
      'text',
    ]) {
      const response = await createOffer(bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'BadRequest', message: expect.any(String) });
    }
  });

  it('answers malformed JSON, wrong media types and oversized bodies in MATTR shape', async () => {
    const malformed = await server.api('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"credentials":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'BadRequest' });
    const text = await server.api('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
    const big = await createOffer({ credentials: [mdlId], claims: { ...MDL_CLAIMS, portrait: 'A'.repeat(600 * 1024) } });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'PayloadTooLarge' });
    const walletBig = await fetch(`${server.url}/v1/openid/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'A'.repeat(600 * 1024) }),
    });
    expect(walletBig.status).toBe(413);
    expect(await walletBig.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('deletes offers: 204 while open, 400 for a non-uuid, 404 unknown, 409 once claimed', async () => {
    const open = await createMdlOffer(server);
    expect((await server.api(`/v1/openid/offers/pre-authorized/${open.id}`, { method: 'DELETE' })).status).toBe(204);
    const notUuid = await server.api('/v1/openid/offers/pre-authorized/123', { method: 'DELETE' });
    expect(notUuid.status).toBe(400);
    expect(await notUuid.json()).toMatchObject({ details: [{ param: 'id', value: '123' }] });
    expect((await server.api(`/v1/openid/offers/pre-authorized/${crypto.randomUUID()}`, { method: 'DELETE' })).status).toBe(404);

    const claimed = await createMdlOffer(server);
    await receiveCredential(claimed.uri, { txCode: String(claimed.transactionCode) });
    const conflict = await server.api(`/v1/openid/offers/pre-authorized/${claimed.id}`, { method: 'DELETE' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'Conflict' });
  });

  it('lists offers newest first with a cursor and a status filter, never with claims', async () => {
    const a = await createMdlOffer(server, { userId: 'list-a' });
    const b = await createMdlOffer(server, { userId: 'list-b' });
    const page = (await (await server.api('/v1/openid/offers/pre-authorized?limit=1')).json()) as {
      data: { id: string }[];
      nextCursor: string;
    };
    expect(page.data.map((o) => o.id)).toEqual([b.id]);
    const next = (await (await server.api(`/v1/openid/offers/pre-authorized?limit=1&cursor=${page.nextCursor}`)).json()) as {
      data: { id: string }[];
    };
    expect(next.data.map((o) => o.id)).toEqual([a.id]);
    const pending = await (await server.api('/v1/openid/offers/pre-authorized?status=pending&limit=1000')).text();
    expect(pending).toContain(a.id);
    expect(pending).not.toContain(MDL_CLAIMS.family_name);
    expect((await server.api('/v1/openid/offers/pre-authorized?status=weird')).status).toBe(400);
    expect((await server.api('/v1/openid/offers/pre-authorized?cursor=@@@')).status).toBe(400);
  });

  it('creates, reads, replaces and deletes mDoc configurations', async () => {
    const input = {
      type: 'org.example.membership.1',
      branding: { name: 'Library card' },
      expiresIn: { years: 2 },
      claimMappings: { 'org.example.membership.1': { member_id: { mapFrom: 'claims.memberId', required: true, type: 'string' } } },
    };
    const created = await server.api('/v2/credentials/mobile/configurations', { method: 'POST', json: input });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await (await server.api(`/v2/credentials/mobile/configurations/${id}`)).json()).toMatchObject({ id, ...input });

    const replaced = await server.api(`/v2/credentials/mobile/configurations/${id}`, {
      method: 'PUT',
      json: { ...input, expiresIn: { years: 1 } },
    });
    expect(await replaced.json()).toMatchObject({ id, expiresIn: { years: 1 } });

    const offer = await createOffer({ credentials: [id], claims: { memberId: 'M-1' } });
    expect(offer.status).toBe(201);
    const inUse = await server.api(`/v2/credentials/mobile/configurations/${id}`, { method: 'DELETE' });
    expect(inUse.status).toBe(409);
    await server.api(`/v1/openid/offers/pre-authorized/${((await offer.json()) as { id: string }).id}`, { method: 'DELETE' });
    expect((await server.api(`/v2/credentials/mobile/configurations/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.api(`/v2/credentials/mobile/configurations/${id}`)).status).toBe(404);

    const invalid = await server.api('/v2/credentials/mobile/configurations', {
      method: 'POST',
      json: { type: 'x', claimMappings: {}, expiresIn: {} },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { details: unknown[] }).details.length).toBeGreaterThanOrEqual(2);
  });

  it('pages analytics events by type', async () => {
    await createMdlOffer(server);
    const page = (await (await server.api('/v1/analytics/events?type=OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS&limit=1')).json()) as {
      data: { type: string }[];
      nextCursor?: string;
    };
    expect(page.data).toHaveLength(1);
    expect(page.data[0]!.type).toBe('OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS');
    expect(page.nextCursor).toBeDefined();
    expect((await server.api('/v1/analytics/events?limit=0')).status).toBe(400);
  });

  it('answers unknown paths with 404 in the family shape', async () => {
    expect(await (await server.api('/v1/openid/offers/pre-authorized/x/y/z')).json()).toMatchObject({ code: 'NotFound' });
    const wallet = await fetch(`${server.url}/v1/oauth/nothing`);
    expect(wallet.status).toBe(404);
    expect(await wallet.json()).toMatchObject({ error: expect.any(String) });
    const wrongMethod = await fetch(`${server.url}/v1/oauth/token`);
    expect(wrongMethod.status).toBe(405);
  });
});
