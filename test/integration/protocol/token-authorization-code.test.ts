// The authorization_code grant at the token endpoint (RFC 6749 §4.1.3, PKCE S256 RFC 7636 §4.6) in
// process with a moved clock: the verifier, the redirect URI, the client, single use and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedCode,
  oauthError,
  pkceChallenge,
  pkceVerifier,
  PRE_AUTHORIZED_GRANT,
  startInProcess,
  type InProcessCounter,
} from './support/in-process';

let counter: InProcessCounter;
beforeAll(async () => {
  counter = await startInProcess();
});
afterAll(() => counter.close());

type Approved = Awaited<ReturnType<typeof approvedCode>>;
const exchange = (a: Approved, overrides: Record<string, string | undefined> = {}) => {
  const params: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code: a.code,
    code_verifier: a.verifier,
    redirect_uri: a.redirectUri,
    client_id: a.clientId,
    ...overrides,
  };
  return counter.postForm(
    '/v1/oauth/token',
    Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)),
  );
};

describe('authorization_code grant', () => {
  it('exchanges the code with the right S256 verifier once, never cached', async () => {
    const approved = await approvedCode(counter);
    const response = await exchange(approved);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300, access_token: expect.any(String) });
    expect(await oauthError(await exchange(approved))).toEqual({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/already been used/),
      cache: 'no-store',
    });
  });

  it('refuses a wrong verifier, including the challenge itself (no plain method) and a verifier of another request', async () => {
    const approved = await approvedCode(counter);
    const other = await approvedCode(counter);
    for (const code_verifier of [pkceVerifier(), pkceChallenge(approved.verifier), other.verifier, approved.verifier.slice(0, -1), 'a']) {
      expect(await oauthError(await exchange(approved, { code_verifier }))).toMatchObject({
        status: 400,
        error: 'invalid_grant',
        error_description: expect.stringMatching(/code_verifier/),
      });
    }
    expect((await exchange(other)).status).toBe(200);
  });

  it('refuses another redirect_uri, even one that differs only by a slash or a query', async () => {
    const approved = await approvedCode(counter, { redirectUri: 'https://wallet.example/cb?app=1' });
    for (const redirect_uri of [
      'https://wallet.example/cb',
      'https://wallet.example/cb?app=1/',
      'https://wallet.example/cb?app=2',
      'https://evil.example/cb?app=1',
    ]) {
      expect(await oauthError(await exchange(approved, { redirect_uri }))).toMatchObject({
        status: 400,
        error: 'invalid_grant',
        error_description: expect.stringMatching(/redirect_uri/),
      });
    }
    expect((await exchange(approved)).status).toBe(200);
  });

  it('refuses another client_id, and takes none (anonymous wallets, PKCE binds the code)', async () => {
    const approved = await approvedCode(counter, { clientId: 'wallet-a' });
    expect(await oauthError(await exchange(approved, { client_id: 'wallet-b' }))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/client_id/),
    });
    expect((await exchange(approved, { client_id: undefined })).status).toBe(200);
  });

  it('asks for a missing code, verifier or redirect_uri as invalid_request', async () => {
    const approved = await approvedCode(counter);
    for (const name of ['code', 'code_verifier', 'redirect_uri']) {
      for (const value of [undefined, '']) {
        expect(await oauthError(await exchange(approved, { [name]: value })), `${name}=${value}`).toMatchObject({
          status: 400,
          error: 'invalid_request',
          error_description: `${name} is required`,
        });
      }
    }
    expect((await exchange(approved)).status).toBe(200);
  });

  it('ends an approved code after a minute (FAPI 2.0 §5.3.2.1): still good at 59 s, expired at 60 s', async () => {
    const early = await approvedCode(counter);
    const late = await approvedCode(counter);
    counter.advance(59_000);
    expect((await exchange(early)).status).toBe(200);
    counter.advance(1_000);
    expect(await oauthError(await exchange(late))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/expired/),
    });
  });

  it('keeps the two grants apart: neither code is taken by the other grant', async () => {
    const approved = await approvedCode(counter);
    const offer = await counter.createOffer();
    expect(
      await oauthError(
        await counter.postForm('/v1/oauth/token', { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': approved.code }),
      ),
    ).toMatchObject({ status: 400, error: 'invalid_grant', error_description: expect.stringMatching(/not valid/) });
    expect(await oauthError(await exchange(approved, { code: offer.code }))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/not valid/),
    });
    // Both are still good for their own grant.
    expect((await exchange(approved)).status).toBe(200);
    expect((await counter.accessToken(offer)).access_token).toEqual(expect.any(String));
  });

  it('refuses a code one character off as not valid, and the real one still works', async () => {
    const approved = await approvedCode(counter);
    expect(
      await oauthError(await exchange(approved, { code: approved.code.slice(0, -1) + (approved.code.endsWith('A') ? 'B' : 'A') })),
    ).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/not valid/),
    });
    expect((await exchange(approved)).status).toBe(200);
  });
});
