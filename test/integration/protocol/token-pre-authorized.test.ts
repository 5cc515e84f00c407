// The pre-authorized code grant (OID4VCI 1.0 §6.1, DESIGN §4) in process with a moved clock: single
// use, tx_code strikes and lock-out, expiry of the code and of the access token it gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthError, PRE_AUTHORIZED_GRANT, startInProcess, wrongTxCode, type InProcessCounter } from './support/in-process';

let counter: InProcessCounter;
beforeAll(async () => {
  counter = await startInProcess();
});
afterAll(() => counter.close());

const token = (params: Record<string, string>) => counter.postForm('/v1/oauth/token', { grant_type: PRE_AUTHORIZED_GRANT, ...params });
/** A credential request that gets past the access token and stops at the missing proof: tells whether the token is accepted. */
const useToken = (accessToken: string) =>
  counter.request('/v1/openid/credential', {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential_configuration_id: counter.configurationId('org.iso.18013.5.1.mDL') }),
  });

describe('pre-authorized code grant', () => {
  it('gives one Bearer token per code, with a c_nonce, never cached; the second redemption is invalid_grant', async () => {
    const offer = await counter.createOffer();
    const first = await token({ 'pre-authorized_code': offer.code, tx_code: offer.txCode! });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/),
      token_type: 'Bearer',
      expires_in: 300,
      c_nonce: expect.any(String),
      c_nonce_expires_in: 300,
    });
    expect(await counter.offerStatus(offer.id)).toBe('token_issued');

    const again = await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: offer.txCode! }));
    expect(again).toEqual({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/already been used/),
      cache: 'no-store',
    });
  });

  it('counts wrong tx_codes down, locks the offer at the third for good, and then refuses the right one', async () => {
    const offer = await counter.createOffer();
    const wrong = wrongTxCode(offer.txCode!);
    for (const left of ['2 attempts left', '1 attempt left']) {
      expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: wrong }))).toMatchObject({
        status: 400,
        error: 'invalid_grant',
        error_description: expect.stringContaining(left),
      });
      expect(await counter.offerStatus(offer.id)).toBe('pending');
    }
    expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: wrong }))).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/now locked/),
    });
    expect(await counter.offerStatus(offer.id)).toBe('locked');
    for (const txCode of [offer.txCode!, wrong]) {
      expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: txCode }))).toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringMatching(/locked/),
      });
    }
    // The lock outlives the offer's own lifetime: it never turns into "expired" and back into a chance.
    counter.advance(3_600_000);
    expect(await counter.offerStatus(offer.id)).toBe('locked');
  });

  it('asks for a missing tx_code without a strike, and takes the legacy user_pin', async () => {
    const offer = await counter.createOffer();
    for (const params of [{}, { tx_code: '' }, { user_pin: '' }] as Record<string, string>[]) {
      expect(await oauthError(await token({ 'pre-authorized_code': offer.code, ...params }))).toMatchObject({
        status: 400,
        error: 'invalid_request',
        error_description: expect.stringMatching(/tx_code is required/),
      });
    }
    // Had any of those been a strike, two wrong codes would lock the offer now.
    await token({ 'pre-authorized_code': offer.code, tx_code: wrongTxCode(offer.txCode!) });
    await token({ 'pre-authorized_code': offer.code, tx_code: wrongTxCode(offer.txCode!) });
    expect(await counter.offerStatus(offer.id)).toBe('pending');
    const legacy = await token({ 'pre-authorized_code': offer.code, user_pin: offer.txCode! });
    expect(legacy.status).toBe(200);
  });

  it('refuses a tx_code for an offer that has none, and redeems it without', async () => {
    const offer = await counter.createOffer({ transactionCodeConfiguration: undefined });
    expect(offer.txCode).toBeUndefined();
    expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: '123456' }))).toMatchObject({
      status: 400,
      error: 'invalid_request',
      error_description: expect.stringMatching(/no transaction code/),
    });
    expect((await token({ 'pre-authorized_code': offer.code })).status).toBe(200);
  });

  it('takes a text tx_code exactly: another case is a wrong code', async () => {
    const offer = await counter.createOffer({ transactionCodeConfiguration: { inputMode: 'text' } });
    expect(offer.txCode).toMatch(/^.{6}$/);
    const flipped = offer.txCode!.toLowerCase() === offer.txCode ? offer.txCode!.toUpperCase() : offer.txCode!.toLowerCase();
    if (flipped !== offer.txCode) {
      expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: flipped }))).toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringMatching(/wrong transaction code/),
      });
    }
    expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: ` ${offer.txCode}` }))).toMatchObject({
      error: 'invalid_grant',
    });
    expect((await token({ 'pre-authorized_code': offer.code, tx_code: offer.txCode! })).status).toBe(200);
  });

  it('refuses unknown codes as invalid_grant, and a code that is only almost right', async () => {
    const offer = await counter.createOffer();
    for (const code of ['nope', offer.code.slice(1), `${offer.code}A`, offer.code.toUpperCase(), encodeURIComponent(`${offer.code} `)]) {
      expect(await oauthError(await token({ 'pre-authorized_code': code, tx_code: offer.txCode! }))).toMatchObject({
        status: 400,
        error: 'invalid_grant',
        error_description: expect.stringMatching(/not valid/),
      });
    }
    expect(await oauthError(await token({ tx_code: offer.txCode! }))).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/pre-authorized_code is required/),
    });
    expect(await counter.offerStatus(offer.id)).toBe('pending');
  });

  it('ends the code at the offer’s expiry, to the millisecond, and a wrong tx_code after it is no strike', async () => {
    const offer = await counter.createOffer({ expiresIn: { seconds: 30 } });
    const other = await counter.createOffer({ expiresIn: { seconds: 30 } });
    counter.advance(29_999);
    expect((await token({ 'pre-authorized_code': other.code, tx_code: other.txCode! })).status).toBe(200);
    counter.advance(1);
    expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: offer.txCode! }))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringMatching(/expired/),
    });
    expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: wrongTxCode(offer.txCode!) }))).toMatchObject({
      error_description: expect.stringMatching(/expired/),
    });
    expect(await counter.offerStatus(offer.id)).toBe('expired');
  });

  it('ends the access token after expires_in: accepted until then, invalid_token with a challenge after', async () => {
    const offer = await counter.createOffer();
    const { access_token } = await counter.accessToken(offer);
    counter.advance(299_000);
    // Still a valid token: the request gets as far as its missing proof.
    expect(await oauthError(await useToken(access_token))).toMatchObject({ status: 400, error: 'invalid_proof' });
    counter.advance(1_000);
    const expired = await useToken(access_token);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await oauthError(expired)).toMatchObject({ status: 401, error: 'invalid_token', cache: 'no-store' });
    // An offer whose token ran out has ended; its code gives no second token.
    expect(await counter.offerStatus(offer.id)).toBe('expired');
    expect(await oauthError(await token({ 'pre-authorized_code': offer.code, tx_code: offer.txCode! }))).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('kills a cancelled offer’s token at once, before its time is up', async () => {
    const offer = await counter.createOffer();
    const { access_token } = await counter.accessToken(offer);
    expect((await counter.api(`/v1/openid/offers/pre-authorized/${offer.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await oauthError(await useToken(access_token))).toMatchObject({ status: 401, error: 'invalid_token' });
  });
});
