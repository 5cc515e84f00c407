// DESIGN §8, §12 over real HTTP: the pushed authorization request authenticates the wallet as the
// token endpoint does (HAIP §4.3: a wallet attestation, required or optional), an attested wallet's
// redirect URI is trusted with errors found before the clerk decides, and a DPoP proof at PAR binds
// the authorization code to its key (RFC 9449 §10.1), checked when the code is redeemed.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holderPage, locationOf } from '../../support/authorization-code-wallet';
import { dpopProof, generateDpopKey, type DpopKey } from '../../support/dpop-client';
import { attestedWallet, certificateWalletProvider, type WalletInstance, type WalletProvider } from '../../support/wallet-provider';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, MDL_CLAIMS } from '../support/fixtures';
import { setPolicy, type Answer } from './support';

const REDIRECT = 'https://attested-wallet.example/cb';

let server: CounterServer;
let trusted: WalletProvider;
let stranger: WalletProvider;
let mdlId: string;
beforeAll(async () => {
  // No COUNTER_TRUSTED_REDIRECT_URIS: only attestation can make REDIRECT trusted.
  server = await startCounter();
  [trusted, stranger] = await Promise.all([certificateWalletProvider(), certificateWalletProvider()]);
  const added = await server.api('/v1/counter/wallet-providers', { method: 'POST', json: { name: 'Trusted', ...trusted.anchor } });
  expect(added.status).toBe(201);
  mdlId = await configurationId(server, 'org.iso.18013.5.1.mDL');
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const parUrl = () => `${server.url}/v1/oauth/par`;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A PAR request with the wallet's headers (attestation, PoP, DPoP) as the test picks them. */
async function push(params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(parUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const attestationHeaders = async (wallet: WalletInstance) => ({
  'oauth-client-attestation': wallet.attestation,
  'oauth-client-attestation-pop': await wallet.pop(server.url),
});

function request(clientId: string, challenge: string, extra: Record<string, string> = {}) {
  return {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'org.iso.18013.5.1.mDL',
    state: 'st-1',
    ...extra,
  };
}

const authorizeWith = (clientId: string, requestUri: string) =>
  `${server.url}/v1/oauth/authorize?${new URLSearchParams({ client_id: clientId, request_uri: requestUri })}`;

/** PAR → authorize → the clerk approves → the code the wait page hands back. */
async function approvedCode(pushed: Answer, clientId: string): Promise<string> {
  expect(pushed.status).toBe(201);
  const waitUrl = await locationOf(authorizeWith(clientId, pushed.body.request_uri as string));
  const { shortCode } = await holderPage(waitUrl);
  const list = (await (await server.api('/v1/openid/authorizations?status=pending')).json()) as {
    data: { id: string; shortCode: string }[];
  };
  const id = list.data.find((a) => a.shortCode === shortCode)!.id;
  expect((await server.api(`/v1/openid/authorizations/${id}/approve`, { method: 'POST', json: { claims: MDL_CLAIMS } })).status).toBe(200);
  const code = new URL(await locationOf(waitUrl)).searchParams.get('code');
  expect(code).toBeTruthy();
  return code!;
}

async function redeem(code: string, verifier: string, key?: DpopKey): Promise<Answer> {
  const response = await fetch(`${server.url}/v1/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(key ? { dpop: await dpopProof(key, { htm: 'POST', htu: `${server.url}/v1/oauth/token` }) } : {}),
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('wallet attestation at the pushed authorization request', () => {
  it('required: refused without one, from an unknown provider, or for another client_id (401 invalid_client); served when trusted', async () => {
    await setPolicy(server, { requireWalletAttestation: true });
    try {
      const wallet = await attestedWallet(trusted);
      const { challenge } = pkce();
      const none = await push(request(wallet.clientId, challenge));
      expect(none).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      const unknown = await attestedWallet(stranger);
      expect(await push(request(unknown.clientId, challenge), await attestationHeaders(unknown))).toMatchObject({
        status: 401,
        body: { error: 'invalid_client' },
      });
      // HAIP §4.4.1: the PAR client_id is the attestation's sub.
      const other = await push(request('someone-else', challenge), await attestationHeaders(wallet));
      expect(other).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      expect(other.body.error_description).toMatch(/sub/);
      const served = await push(request(wallet.clientId, challenge), await attestationHeaders(wallet));
      expect(served.status).toBe(201);
      expect(served.body.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    } finally {
      await setPolicy(server, {});
    }
  });

  it("an attested wallet's redirect URI hears of an error found before the clerk decides; an unattested one's does not", async () => {
    const wallet = await attestedWallet(trusted);
    const { challenge } = pkce();
    // PAR cannot check an issuer_state the authorization endpoint later finds unknown.
    const bogus = { issuer_state: 'no-such-offer' };
    const attested = await push(request(wallet.clientId, challenge, bogus), await attestationHeaders(wallet));
    expect(attested.status).toBe(201);
    const back = new URL(await locationOf(authorizeWith(wallet.clientId, attested.body.request_uri as string)));
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_request', state: 'st-1', iss: server.url });

    // Optional (the default): an attestation from an unknown provider is ignored, never trusted.
    const unknown = await attestedWallet(stranger);
    const ignored = await push(request(unknown.clientId, challenge, bogus), await attestationHeaders(unknown));
    expect(ignored.status).toBe(201);
    const page = await fetch(authorizeWith(unknown.clientId, ignored.body.request_uri as string), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).toContain('issuer_state');

    // And a wallet that sends no attestation at all.
    const plain = await push(request('plain-wallet', challenge, bogus));
    const plainPage = await fetch(authorizeWith('plain-wallet', plain.body.request_uri as string), { redirect: 'manual' });
    expect(plainPage.status).toBe(400);
    expect(plainPage.headers.get('location')).toBeNull();
  });
});

describe('requirePushedAuthorizationRequests (RFC 9126 §5)', () => {
  it('advertises it, refuses a plain authorization request on the holder page, and still serves a pushed one', async () => {
    const as = async () => (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect((await as()).require_pushed_authorization_requests).toBe(false);
    await setPolicy(server, { requirePushedAuthorizationRequests: true });
    try {
      expect((await as()).require_pushed_authorization_requests).toBe(true);
      const { challenge } = pkce();
      const plain = await fetch(`${server.url}/v1/oauth/authorize?${new URLSearchParams(request('plain-wallet', challenge))}`, {
        redirect: 'manual',
      });
      expect(plain.status).toBe(400);
      expect(plain.headers.get('location')).toBeNull();
      expect(await plain.text()).toContain('pushed authorization requests');
      const pushed = await push(request('plain-wallet', challenge));
      expect(pushed.status).toBe(201);
      const waitUrl = await locationOf(authorizeWith('plain-wallet', pushed.body.request_uri as string));
      expect((await holderPage(waitUrl)).shortCode).toMatch(/^\d{4}$/);
    } finally {
      await setPolicy(server, {});
    }
  });
});

describe('DPoP at the pushed authorization request (RFC 9449 §10.1)', () => {
  it('binds the code to the proof key: redeemed only with a proof by that key, and a refusal does not use it up', async () => {
    const key = await generateDpopKey();
    const { verifier, challenge } = pkce();
    const pushed = await push(request('dpop-wallet', challenge), { dpop: await dpopProof(key, { htm: 'POST', htu: parUrl() }) });
    expect(pushed.headers.get('dpop-nonce')).toBeTruthy();
    const code = await approvedCode(pushed, 'dpop-wallet');

    const without = await redeem(code, verifier);
    expect(without).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
    expect(without.body.error_description).toMatch(/dpop_jkt/);
    expect(await redeem(code, verifier, await generateDpopKey())).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
    const bound = await redeem(code, verifier, key);
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ token_type: 'DPoP' });
  });

  it('dpop_jkt alone binds too; with a proof it must name the proof key; a malformed one is refused', async () => {
    const key = await generateDpopKey();
    const { verifier, challenge } = pkce();
    const code = await approvedCode(await push(request('jkt-wallet', challenge, { dpop_jkt: key.jkt })), 'jkt-wallet');
    expect((await redeem(code, verifier, await generateDpopKey())).status).toBe(400);
    expect((await redeem(code, verifier, key)).status).toBe(200);

    const mismatch = await push(request('jkt-wallet', challenge, { dpop_jkt: (await generateDpopKey()).jkt }), {
      dpop: await dpopProof(key, { htm: 'POST', htu: parUrl() }),
    });
    expect(mismatch).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
    expect(await push(request('jkt-wallet', challenge, { dpop_jkt: 'short' }))).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });

  it('an unbound code is still redeemed with or without DPoP (configuration offered by id too)', async () => {
    const { verifier, challenge } = pkce();
    const code = await approvedCode(await push(request('plain-wallet', challenge, { scope: mdlId })), 'plain-wallet');
    expect((await redeem(code, verifier)).body).toMatchObject({ token_type: 'Bearer' });
  });
});
