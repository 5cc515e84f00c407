// Clerks who sign in as themselves (DESIGN §14), and *+5 min*, over the real listener: roles,
// the PIN lockout and the per-address throttle (several 127.0.0.x addresses stand for several
// counters), and events that name the clerk who acted.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { createMdlOffer } from './support/fixtures';

let server: CounterServer;
beforeAll(async () => {
  server = await startCounter();
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

/** A JSON request from a chosen source address (node:http: fetch cannot pick one). */
function from(
  address: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; headers: Record<string, unknown>; json: unknown }> {
  const url = new URL(path, server.url);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress: address,
        headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: data ? JSON.parse(data) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const createClerk = async (name: string, pin: string) => {
  const response = await server.api('/v1/counter/clerks', { method: 'POST', json: { name, pin } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
};
const signIn = (name: string, pin: string, address = '127.0.0.1') => from(address, 'POST', '/v1/counter/clerk-sessions', { name, pin });

describe('clerk accounts', () => {
  it('an admin creates clerks; a clerk signs in with name and PIN and gets the issuer role', async () => {
    const mere = await createClerk('Mere Tāwhiri', '482913');
    expect(mere).toMatchObject({ name: 'Mere Tāwhiri' });
    expect((await server.api('/v1/counter/clerks', { method: 'POST', json: { name: 'mere tāwhiri', pin: '1111' } })).status).toBe(409);
    const bad = await server.api('/v1/counter/clerks', { method: 'POST', json: { name: 'X', pin: '12' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: [{ param: 'pin', msg: 'must be 4 to 12 digits' }] });

    const session = await signIn('MERE TĀWHIRI', '482913', '127.0.0.11');
    expect(session.status).toBe(201);
    expect(session.headers['cache-control']).toMatch(/no-store/);
    const { token, clerk, role } = session.json as { token: string; clerk: { id: string; name: string }; role: string };
    expect({ clerk, role }).toEqual({ clerk: { id: mere.id, name: 'Mere Tāwhiri' }, role: 'issuer' });

    expect(await (await server.api('/v1/counter/session', { token })).json()).toEqual({
      kind: 'clerk',
      name: 'Mere Tāwhiri',
      role: 'issuer',
      clerkId: mere.id,
    });
    // Issuer, not admin.
    const offer = await createMdlOffer({ ...server, adminToken: token, api: (p, init) => server.api(p, { ...init, token }) });
    expect((await server.api('/v1/counter/clerks', { token })).status).toBe(403);
    expect((await server.api('/v1/counter/api-tokens', { token })).status).toBe(403);

    // Every event of the clerk's requests names them.
    const events = (await (await server.api('/v1/analytics/events?type=OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS')).json()) as {
      data: Array<{ data: Record<string, unknown> }>;
    };
    expect(events.data.find((e) => e.data.offerId === offer.id)?.data).toMatchObject({ clerkId: mere.id, clerkName: 'Mere Tāwhiri' });
    const signIns = (await (await server.api('/v1/analytics/events?type=COUNTER_CLERK_SIGN_IN_SUCCESS')).json()) as {
      data: Array<{ data: Record<string, unknown> }>;
    };
    expect(signIns.data[0]?.data).toMatchObject({ clerkName: 'Mere Tāwhiri' });
    expect(JSON.stringify(signIns)).not.toContain('482913');

    // Sign-out ends the session; the admin token is untouched by it.
    expect((await server.api('/v1/counter/clerk-sessions/current', { method: 'DELETE', token })).status).toBe(204);
    expect((await server.api('/v1/counter/session', { token })).status).toBe(401);
    expect((await server.api('/v1/counter/clerk-sessions/current', { method: 'DELETE' })).status).toBe(204);
    expect((await server.api('/v1/counter/session')).status).toBe(200);
  });

  it('says the same for an unknown name and a wrong PIN, and locks a clerk after five wrong PINs', async () => {
    const hemi = await createClerk('Hemi', '2468');
    const unknown = await signIn('Nobody', '2468', '127.0.0.21');
    const wrong = await signIn('Hemi', '1357', '127.0.0.21');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);

    for (let i = 0; i < 3; i++) expect((await signIn('Hemi', '0000', `127.0.0.${22 + i}`)).status).toBe(401);
    const locked = await signIn('Hemi', '0000', '127.0.0.25');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.json).toMatchObject({ code: 'TooManyRequests', message: expect.stringMatching(/Hemi is now locked/) });
    // Even the right PIN waits now.
    expect((await signIn('Hemi', '2468', '127.0.0.26')).status).toBe(429);
    const listed = (await (await server.api('/v1/counter/clerks')).json()) as { data: Array<{ id: string; lockedUntil?: string }> };
    expect(listed.data.find((c) => c.id === hemi.id)?.lockedUntil).toBeDefined();

    // An admin sets a new PIN: unlocked.
    expect((await server.api(`/v1/counter/clerks/${hemi.id}/pin`, { method: 'PUT', json: { pin: '97531' } })).status).toBe(200);
    expect((await signIn('Hemi', '97531', '127.0.0.26')).status).toBe(201);
  });

  it('throttles wrong PINs per address, whatever the name', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn(`Someone ${i}`, '1234', '127.0.0.31')).status).toBe(401);
    const throttled = await signIn('Someone else', '1234', '127.0.0.31');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another counter is not slowed down.
    await createClerk('Tama', '5555');
    expect((await signIn('Tama', '5555', '127.0.0.32')).status).toBe(201);
  });

  it('removing a clerk ends their sessions at once', async () => {
    const rawiri = await createClerk('Rawiri', '8642');
    const { token } = (await signIn('Rawiri', '8642', '127.0.0.41')).json as { token: string };
    expect((await server.api('/v1/openid/offers/pre-authorized', { token })).status).toBe(200);
    expect((await server.api(`/v1/counter/clerks/${rawiri.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.api('/v1/openid/offers/pre-authorized', { token })).status).toBe(401);
    expect((await server.api(`/v1/counter/clerks/${rawiri.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('+5 min', () => {
  it('extends an open offer by five minutes, never past ten minutes from its creation', async () => {
    const offer = await createMdlOffer(server);
    const before = (await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as {
      createdAt: string;
      expiresAt: string;
    };
    const first = await server.api(`/v1/openid/offers/pre-authorized/${offer.id}/extend`, { method: 'POST' });
    expect(first.status).toBe(200);
    const extended = (await first.json()) as { status: string; expiresAt: string };
    expect(extended.status).toBe('pending');
    expect(Date.parse(extended.expiresAt) - Date.parse(before.expiresAt)).toBe(300_000);
    expect(Date.parse(extended.expiresAt) - Date.parse(before.createdAt)).toBe(600_000);
    const again = await server.api(`/v1/openid/offers/pre-authorized/${offer.id}/extend`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'Conflict', message: expect.stringMatching(/maximum of 10 minutes/) });

    const short = await createMdlOffer(server, { expiresIn: { seconds: 60 } });
    const capped = (await (await server.api(`/v1/openid/offers/pre-authorized/${short.id}/extend`, { method: 'POST' })).json()) as {
      expiresAt: string;
    };
    expect(Date.parse(capped.expiresAt) - Date.parse(short.expiresAt)).toBe(300_000);

    expect((await server.api(`/v1/openid/offers/pre-authorized/${short.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.api(`/v1/openid/offers/pre-authorized/${short.id}/extend`, { method: 'POST' })).status).toBe(409);
    expect((await server.api(`/v1/openid/offers/pre-authorized/${crypto.randomUUID()}/extend`, { method: 'POST' })).status).toBe(404);
    expect((await server.api(`/v1/openid/offers/pre-authorized/nope/extend`, { method: 'POST' })).status).toBe(400);
    const events = (await (await server.api('/v1/analytics/events?type=OPENID_PRE_AUTHORIZED_OFFER_EXTEND_FAIL')).json()) as {
      data: unknown[];
    };
    expect(events.data.length).toBeGreaterThanOrEqual(3);
  });
});
