// The nonce endpoint and c_nonce life (OID4VCI 1.0 §7, DESIGN §4) in process with a moved clock:
// fresh, never cached, single use, and dead after its lifetime, from the endpoint or the token response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MDL_DOCTYPE, oauthError, startInProcess, type InProcessCounter } from './support/in-process';
import { credentialRequest, freshNonce, newHolderKey, proofJwt, type HolderKey } from './support/proofs';

const NONCE_SECONDS = 120; // shorter than the access token's 300 s, so that the two ends can be told apart
let counter: InProcessCounter;
let holder: HolderKey;
beforeAll(async () => {
  counter = await startInProcess({ nonceSeconds: NONCE_SECONDS });
  holder = await newHolderKey();
});
afterAll(() => counter.close());

async function session() {
  return counter.accessToken(await counter.createOffer());
}
const request = (accessToken: string, jwt: string) =>
  credentialRequest(counter, accessToken, { credential_configuration_id: counter.configurationId(MDL_DOCTYPE), proofs: { jwt: [jwt] } });

describe('nonce endpoint', () => {
  it('answers a new c_nonce each time, in the 1.0 shape, never cached; only POST', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await counter.request('/v1/openid/nonce', { method: 'POST' });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { c_nonce: string };
      expect(Object.keys(body)).toEqual(['c_nonce']);
      expect(body.c_nonce).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      seen.add(body.c_nonce);
    }
    expect(seen.size).toBe(5);
    expect(await oauthError(await counter.request('/v1/openid/nonce'))).toMatchObject({ status: 405, error: 'invalid_request' });
  });

  it('spends a nonce on the credential it was used for, and on nothing less', async () => {
    const nonce = await freshNonce(counter);
    const first = await session();
    // A proof that fails its own checks leaves the nonce unspent (it never got to the nonce).
    const forged = await proofJwt(counter, holder, { nonce, signWith: (await newHolderKey()).privateKey });
    expect(await oauthError(await request(first.access_token, forged))).toMatchObject({ status: 400, error: 'invalid_proof' });
    expect((await request(first.access_token, await proofJwt(counter, holder, { nonce }))).status).toBe(200);

    const second = await session();
    expect(await oauthError(await request(second.access_token, await proofJwt(counter, holder, { nonce })))).toMatchObject({
      status: 400,
      error: 'invalid_nonce',
      cache: 'no-store',
    });
    // The refusal did not use up the second token's credential.
    expect((await request(second.access_token, await proofJwt(counter, holder, { nonce: await freshNonce(counter) }))).status).toBe(200);
  });

  it('ends a nonce after its lifetime: good one second before, invalid_nonce at the end', async () => {
    const early = await freshNonce(counter);
    const late = await freshNonce(counter);
    counter.advance(NONCE_SECONDS * 1000 - 1000);
    const a = await session();
    expect((await request(a.access_token, await proofJwt(counter, holder, { nonce: early }))).status).toBe(200);
    counter.advance(1000);
    const b = await session();
    expect(await oauthError(await request(b.access_token, await proofJwt(counter, holder, { nonce: late })))).toMatchObject({
      status: 400,
      error: 'invalid_nonce',
      error_description: expect.stringMatching(/unknown, expired or already used/),
    });
  });

  it('treats the token response’s c_nonce (drafts 13–14) like any other: its lifetime is told, and it ends', async () => {
    const offer = await counter.createOffer();
    const response = await counter.postForm('/v1/oauth/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': offer.code,
      tx_code: offer.txCode!,
    });
    const token = (await response.json()) as { access_token: string; c_nonce: string; c_nonce_expires_in: number };
    expect(token.c_nonce_expires_in).toBe(NONCE_SECONDS);
    counter.advance(NONCE_SECONDS * 1000);
    // The access token still works (it lives 300 s); its c_nonce does not.
    expect(await oauthError(await request(token.access_token, await proofJwt(counter, holder, { nonce: token.c_nonce })))).toMatchObject({
      status: 400,
      error: 'invalid_nonce',
    });
    const fresh = await session();
    expect((await request(fresh.access_token, await proofJwt(counter, holder, { nonce: fresh.c_nonce }))).status).toBe(200);
  });

  it('never takes an access token, a pre-authorized code or an invented value for a nonce', async () => {
    const offer = await counter.createOffer();
    const { access_token } = await counter.accessToken(offer);
    for (const nonce of [access_token, offer.code, 'A'.repeat(43), ' ']) {
      expect(await oauthError(await request(access_token, await proofJwt(counter, holder, { nonce }))), nonce).toMatchObject({
        status: 400,
        error: 'invalid_nonce',
      });
    }
  });
});
