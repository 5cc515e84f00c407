// DESIGN §4 (Authorization Code flow): Authorization Code offers, approved in person at the counter. A real wallet library
// (test/support/authorization-code-wallet) runs PAR and plain authorization requests with PKCE.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, holderPage, locationOf, REDIRECT_URI, startAuthorization } from '../support/authorization-code-wallet';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, MDL_CLAIMS } from './support/fixtures';
import { readEventStream } from '../../shared/http/event-stream';

let server: CounterServer;
let mdlId: string;
let iacaPems: string[];

beforeAll(async () => {
  // The test wallet's redirect URI is on the kiosk's allow-list: errors found before the clerk
  // decides may go back to it (DESIGN §8); any other redirect URI hears nothing of them.
  server = await startCounter({ env: { COUNTER_TRUSTED_REDIRECT_URIS: REDIRECT_URI } });
  mdlId = await configurationId(server, 'org.iso.18013.5.1.mDL');
  iacaPems = ((await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas.map(
    (i) => i.certificatePem,
  );
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

async function codeOffer(): Promise<{ id: string; uri: string; issuerState: string }> {
  const response = await server.api('/v1/openid/offers', {
    method: 'POST',
    json: { credentials: [mdlId], request_parameters: { login_hint: 'front-desk' } },
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { id: string; uri: string };
  const offer = JSON.parse(new URL(body.uri).searchParams.get('credential_offer')!);
  expect(offer).toMatchObject({
    credential_issuer: server.url,
    credential_configuration_ids: [mdlId],
    credentials: [mdlId],
    request_parameters: { login_hint: 'front-desk' },
  });
  return { ...body, issuerState: offer.grants.authorization_code.issuer_state };
}

async function pendingByCode(shortCode: string): Promise<{ id: string; credentials: string[]; status: string }> {
  const list = (await (await server.api('/v1/openid/authorizations?status=pending')).json()) as {
    data: { id: string; shortCode: string; credentials: string[]; status: string }[];
  };
  const found = list.data.find((a) => a.shortCode === shortCode);
  if (!found) throw new Error(`no pending authorization with code ${shortCode}`);
  return found;
}

const approve = (id: string, claims: unknown = MDL_CLAIMS) =>
  server.api(`/v1/openid/authorizations/${id}/approve`, { method: 'POST', json: { claims } });

/** A hand-built authorization request URL, for the negative cases. */
function authorizeUrl(params: Record<string, string | undefined>): string {
  const url = new URL(`${server.url}/v1/oauth/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');

describe('authorization code flow', () => {
  it.each([
    ['a pushed authorization request', true],
    ['a plain authorization request', false],
  ])('issues an mDL after the clerk approves, through %s', async (_name, usePar) => {
    const offer = await codeOffer();
    const pending = await startAuthorization(offer.uri, { usePar });
    expect(pending.shortCode).toMatch(/^\d{4}$/);
    if (usePar) expect(pending.authorizationRequestUrl).toContain('request_uri=');
    const page = await holderPage(pending.waitUrl);
    expect(page.html).toContain('Show this code at the counter');
    // It follows the request live with its one script, not by reloading itself (DESIGN §14).
    expect(page.html).not.toContain('http-equiv="refresh"');
    expect(page.html).toContain("new EventSource(location.pathname+'/events')");

    const request = await pendingByCode(pending.shortCode);
    expect(request.credentials).toEqual([mdlId]);
    const approved = await approve(request.id);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id: request.id, status: 'approved' });

    const result = await pending.finish();
    const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: iacaPems, docType: 'org.iso.18013.5.1.mDL' });
    expect(verified.claims['org.iso.18013.5.1']).toMatchObject({ family_name: MDL_CLAIMS.family_name, birth_date: '1990-02-14' });
    expect(verified.deviceKeyJwk).toMatchObject({ x: result.deviceKey.publicJwk.x });
    // The code was single use.
    const again = await fetch(`${server.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: new URL(await locationOf(pending.waitUrl)).searchParams.get('code')!,
        code_verifier: pending.pkceCodeVerifier,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
      }),
    });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('checks the verifier, the redirect URI and the client at the token endpoint', async () => {
    const offer = await codeOffer();
    const pkceVerifier = verifier();
    const waitUrl = await locationOf(
      authorizeUrl({
        response_type: 'code',
        client_id: 'w',
        redirect_uri: REDIRECT_URI,
        code_challenge: challengeOf(pkceVerifier),
        code_challenge_method: 'S256',
        issuer_state: offer.issuerState,
        state: 's1',
      }),
    );
    const { shortCode } = await holderPage(waitUrl);
    await approve((await pendingByCode(shortCode!)).id);
    const redirect = new URL(await locationOf(waitUrl));
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('s1');
    expect(redirect.searchParams.get('iss')).toBe(server.url);
    const code = redirect.searchParams.get('code')!;
    const token = (overrides: Record<string, string>) =>
      fetch(`${server.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          code_verifier: pkceVerifier,
          redirect_uri: REDIRECT_URI,
          client_id: 'w',
          ...overrides,
        }),
      }).then(async (r) => ({ status: r.status, ...((await r.json()) as { error?: string; error_description?: string }) }));

    expect(await token({ code_verifier: verifier() })).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/code_verifier/),
    });
    expect(await token({ redirect_uri: 'https://evil.example/cb' })).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/redirect_uri/),
    });
    expect(await token({ client_id: 'other' })).toMatchObject({ error: 'invalid_grant' });
    expect(await token({ code_verifier: '' })).toMatchObject({ error: 'invalid_request' });
    expect(await token({})).toMatchObject({ status: 200 });
  });

  it('requires PKCE with S256 (told to a trusted redirect URI)', async () => {
    const offer = await codeOffer();
    const base = { response_type: 'code', client_id: 'w', redirect_uri: REDIRECT_URI, issuer_state: offer.issuerState, state: 'x' };
    for (const params of [base, { ...base, code_challenge: 'abc'.repeat(15), code_challenge_method: 'plain' }]) {
      const redirect = new URL(await locationOf(authorizeUrl(params)));
      expect(redirect.searchParams.get('error')).toBe('invalid_request');
      expect(redirect.searchParams.get('state')).toBe('x');
    }
  });

  it('refuses unknown issuer_state and revoked offers by redirect, untrustworthy redirect URIs by a page', async () => {
    const pkce = { code_challenge: challengeOf(verifier()), code_challenge_method: 'S256' };
    const unknown = new URL(
      await locationOf(authorizeUrl({ response_type: 'code', client_id: 'w', redirect_uri: REDIRECT_URI, issuer_state: 'nope', ...pkce })),
    );
    expect(unknown.searchParams.get('error')).toBe('invalid_request');
    expect(unknown.searchParams.get('error_description')).toMatch(/issuer_state/);

    const offer = await codeOffer();
    expect((await server.api(`/v1/openid/offers/${offer.id}`, { method: 'DELETE' })).status).toBe(204);
    const revoked = new URL(
      await locationOf(
        authorizeUrl({ response_type: 'code', client_id: 'w', redirect_uri: REDIRECT_URI, issuer_state: offer.issuerState, ...pkce }),
      ),
    );
    expect(revoked.searchParams.get('error')).toBe('access_denied');

    for (const redirect_uri of [undefined, 'javascript:alert(1)', 'https://wallet.example/cb#frag', 'not a uri']) {
      const response = await fetch(
        authorizeUrl({ response_type: 'code', client_id: 'w', redirect_uri, issuer_state: offer.issuerState, ...pkce }),
        { redirect: 'manual' },
      );
      expect(response.status, String(redirect_uri)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('tells protocol errors found before any decision to the holder, not to a redirect URI the kiosk does not trust', async () => {
    const offer = await codeOffer();
    const pkce = { code_challenge: challengeOf(verifier()), code_challenge_method: 'S256' };
    const untrusted = 'https://evil.example/collect';
    for (const params of [
      { response_type: 'token', client_id: 'w', redirect_uri: untrusted, issuer_state: offer.issuerState, ...pkce },
      { response_type: 'code', client_id: 'w', redirect_uri: untrusted, issuer_state: offer.issuerState },
      { response_type: 'code', client_id: 'w', redirect_uri: untrusted, issuer_state: 'nope', ...pkce },
      { response_type: 'code', client_id: 'w', redirect_uri: `${REDIRECT_URI}/other`, scope: 'unknown.doctype', ...pkce },
    ]) {
      const response = await fetch(authorizeUrl(params), { redirect: 'manual' });
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toMatch(/response_type must be code|PKCE is required|issuer_state|unknown scope/);
    }
  });

  it("streams the wait page's status: the time left, then decided once the clerk approves, and the stream ends", async () => {
    const offer = await codeOffer();
    const pending = await startAuthorization(offer.uri, { usePar: false });
    const messages: { decided: boolean; expires?: string }[] = [];
    const response = await fetch(`${pending.waitUrl}/events`);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const done = readEventStream(response.body!, (m) => messages.push(JSON.parse(m.data)), new AbortController().signal);
    for (let i = 0; i < 100 && messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(messages).toEqual([{ decided: false, expires: 'The request expires in about 10 minutes.' }]);
    expect((await approve((await pendingByCode(pending.shortCode)).id)).status).toBe(200);
    await done; // the stream ends after the decision
    expect(messages.at(-1)).toEqual({ decided: true });
    // The page, loaded again as its script does, sends the browser back to the wallet with the code.
    expect(new URL(await locationOf(pending.waitUrl)).searchParams.get('code')).toBeTruthy();
    expect((await fetch(`${server.url}/v1/oauth/authorize/wait/nope/events`)).status).toBe(404);
  });

  it('sends access_denied when the clerk rejects, and refuses a second decision', async () => {
    const offer = await codeOffer();
    const waitUrl = await locationOf(
      authorizeUrl({
        response_type: 'code',
        client_id: 'w',
        redirect_uri: REDIRECT_URI,
        code_challenge: challengeOf(verifier()),
        code_challenge_method: 'S256',
        issuer_state: offer.issuerState,
        state: 'r',
      }),
    );
    const request = await pendingByCode((await holderPage(waitUrl)).shortCode!);
    expect((await server.api(`/v1/openid/authorizations/${request.id}/reject`, { method: 'POST' })).status).toBe(200);
    const redirect = new URL(await locationOf(waitUrl));
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('r');
    expect(redirect.searchParams.get('code')).toBeNull();
    expect((await approve(request.id)).status).toBe(409);
  });

  it('validates the approved claims like an offer, and 404s unknown authorizations', async () => {
    const offer = await codeOffer();
    const waitUrl = await locationOf(
      authorizeUrl({
        response_type: 'code',
        client_id: 'w',
        redirect_uri: REDIRECT_URI,
        code_challenge: challengeOf(verifier()),
        code_challenge_method: 'S256',
        issuer_state: offer.issuerState,
      }),
    );
    const request = await pendingByCode((await holderPage(waitUrl)).shortCode!);
    const bad = await approve(request.id, { ...MDL_CLAIMS, birth_date: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BadRequest', details: [{ param: 'claims.birth_date' }] });
    // Still waiting for a valid approval.
    expect((await holderPage(waitUrl)).status).toBe(200);
    expect((await approve(crypto.randomUUID())).status).toBe(404);
    expect((await approve('not-a-uuid')).status).toBe(400);
  });

  it('advertises the flow in the authorization server metadata', async () => {
    const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      authorization_endpoint: `${server.url}/v1/oauth/authorize`,
      pushed_authorization_request_endpoint: `${server.url}/v1/oauth/par`,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(as.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'urn:ietf:params:oauth:grant-type:pre-authorized_code']),
    );
    expect(as.scopes_supported).toEqual(expect.arrayContaining(['org.iso.18013.5.1.mDL']));
  });
});
