// Reading a token request (RFC 6749 §3.2, §5.2): grant types, media types, malformed and repeated
// form parameters, all answered as {error, error_description} with no-store; and the per-address
// throttle of wrong guesses (DESIGN §8) over windows of a clock the test moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, oauthError, PRE_AUTHORIZED_GRANT, startInProcess, wrongTxCode, type InProcessCounter } from './support/in-process';

let counter: InProcessCounter;
beforeAll(async () => {
  counter = await startInProcess();
});
afterAll(() => counter.close());

/** `null`: no Content-Type at all (a bare byte body). */
const post = (body: string | Uint8Array<ArrayBuffer>, contentType: string | null = FORM) =>
  counter.request('/v1/oauth/token', {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body: contentType ? body : new TextEncoder().encode(String(body)),
  });

describe('token request parsing', () => {
  it('asks for grant_type, and refuses any grant type but the two it supports, exactly spelled', async () => {
    for (const body of ['', 'grant_type=', 'grant_type', 'pre-authorized_code=abc']) {
      expect(await oauthError(await post(body)), body).toEqual({
        status: 400,
        error: 'invalid_request',
        error_description: 'grant_type is required',
        cache: 'no-store',
      });
    }
    for (const grant of [
      'password',
      'client_credentials',
      'refresh_token',
      'implicit',
      `${PRE_AUTHORIZED_GRANT} `,
      PRE_AUTHORIZED_GRANT.toUpperCase(),
      'AUTHORIZATION_CODE',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ]) {
      expect(await oauthError(await post(new URLSearchParams({ grant_type: grant }).toString())), grant).toMatchObject({
        status: 400,
        error: 'unsupported_grant_type',
        cache: 'no-store',
      });
    }
  });

  it('takes only application/x-www-form-urlencoded (any case, with a charset), else 415', async () => {
    const offer = await counter.createOffer();
    const body = new URLSearchParams({
      grant_type: PRE_AUTHORIZED_GRANT,
      'pre-authorized_code': offer.code,
      tx_code: offer.txCode!,
    }).toString();
    for (const type of [null, 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form']) {
      expect(await oauthError(await post(body, type)), String(type)).toMatchObject({
        status: 415,
        error: 'invalid_request',
        cache: 'no-store',
      });
    }
    expect(await oauthError(await post(JSON.stringify({ grant_type: PRE_AUTHORIZED_GRANT }), 'application/json'))).toMatchObject({
      status: 415,
    });
    // Refused for its media type, the request was never read: the offer is still open.
    expect(await counter.offerStatus(offer.id)).toBe('pending');
    expect((await post(body, 'APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8')).status).toBe(200);
  });

  it('refuses a repeated parameter, whatever it is, before any grant rule (no strike for a repeated tx_code)', async () => {
    const offer = await counter.createOffer();
    const wrong = wrongTxCode(offer.txCode!);
    const base = `grant_type=${encodeURIComponent(PRE_AUTHORIZED_GRANT)}&pre-authorized_code=${offer.code}`;
    for (const body of [
      `${base}&grant_type=${encodeURIComponent(PRE_AUTHORIZED_GRANT)}&tx_code=${offer.txCode}`,
      `${base}&pre-authorized_code=${offer.code}&tx_code=${offer.txCode}`,
      `${base}&tx_code=${wrong}&tx_code=${offer.txCode}`,
      `${base}&tx_code=${wrong}&tx_code=${wrong}`,
      `${base}&tx_code=${offer.txCode}&foo=1&foo=2`,
    ]) {
      expect(await oauthError(await post(body)), body).toMatchObject({
        status: 400,
        error: 'invalid_request',
        error_description: expect.stringMatching(/parameter \S+ is repeated/),
      });
    }
    // None of those was a strike: two wrong codes now still leave one attempt.
    await post(`${base}&tx_code=${wrong}`);
    expect(await oauthError(await post(`${base}&tx_code=${wrong}`))).toMatchObject({
      error_description: expect.stringContaining('1 attempt left'),
    });
    expect((await post(`${base}&tx_code=${offer.txCode}`)).status).toBe(200);
  });

  it('answers malformed bodies with a 4xx in OAuth shape, never a 500', async () => {
    const bodies: (string | Uint8Array<ArrayBuffer>)[] = [
      '%',
      '%ZZ=%ZZ',
      '&&&=&=',
      '====',
      'grant_type=%E0%A4%A',
      `grant_type=${encodeURIComponent(PRE_AUTHORIZED_GRANT)}&pre-authorized_code=%00`,
      '__proto__=x&constructor=y&grant_type=authorization_code',
      'grant_type=authorization_code&code[]=a&code_verifier[x]=b&redirect_uri=https://w.example',
      new Uint8Array([0xff, 0xfe, 0x00, 0x3d, 0x26, 0x80]),
      `grant_type=${'x'.repeat(100_000)}`,
    ];
    for (const body of bodies) {
      const answer = await oauthError(await post(body));
      expect(answer.status, String(body).slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(answer.status, String(body).slice(0, 40)).toBeLessThan(500);
      expect(answer.cache).toBe('no-store');
    }
  });

  it('answers a body over 500 KB with 413 in OAuth shape, declared or not', async () => {
    const big = `grant_type=${'a'.repeat(500 * 1024)}`;
    expect(await oauthError(await post(big))).toMatchObject({ status: 413, error: 'invalid_request', cache: 'no-store' });
    const declared = await counter.request('/v1/oauth/token', {
      method: 'POST',
      headers: { 'content-type': FORM, 'content-length': String(600 * 1024) },
      body: 'grant_type=x',
    });
    expect(await oauthError(declared)).toMatchObject({ status: 413, error: 'invalid_request' });
  });

  it('answers other methods with 405 in OAuth shape', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect(await oauthError(await counter.request('/v1/oauth/token', { method })), method).toMatchObject({
        status: 405,
        error: 'invalid_request',
      });
    }
  });
});

describe('token endpoint throttle, over a moved clock', () => {
  let strict: InProcessCounter;
  beforeAll(async () => {
    strict = await startInProcess({ tokenFailuresPerMinute: 3 });
  });
  afterAll(() => strict.close());
  const guess = (address: string, code = 'guess') =>
    strict.postForm('/v1/oauth/token', { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': code }, address);

  it('answers 429 with Retry-After once an address guessed wrong too often, until its window ends; other addresses go on', async () => {
    const offer = await strict.createOffer();
    for (let i = 0; i < 3; i++) expect((await guess('10.1.0.1')).status).toBe(400);
    const blocked = await strict.postForm(
      '/v1/oauth/token',
      { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': offer.code, tx_code: offer.txCode! },
      '10.1.0.1',
    );
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(await oauthError(blocked)).toMatchObject({ status: 429, error: 'slow_down', cache: 'no-store' });
    // The throttled request touched nothing: no redemption, no strike.
    expect(await strict.offerStatus(offer.id)).toBe('pending');
    expect((await guess('10.1.0.2')).status).toBe(400);

    strict.advance(45_000);
    expect((await guess('10.1.0.1')).headers.get('retry-after')).toBe('15');
    strict.advance(15_000);
    expect((await guess('10.1.0.1')).status).toBe(400);
    // Right secrets are not counted: the address can still redeem in its new window.
    const redeemed = await strict.postForm(
      '/v1/oauth/token',
      { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': offer.code, tx_code: offer.txCode! },
      '10.1.0.1',
    );
    expect(redeemed.status).toBe(200);
  });

  it('counts unknown codes and wrong tx_codes as guesses, malformed requests not', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await strict.request('/v1/oauth/token', { method: 'POST', headers: { 'content-type': FORM }, body: 'x=1' }, '10.2.0.1')).status,
      ).toBe(400);
    expect((await guess('10.2.0.1')).status).toBe(400);
    const offer = await strict.createOffer();
    for (let i = 0; i < 2; i++) {
      const wrong = await strict.postForm(
        '/v1/oauth/token',
        { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': offer.code, tx_code: wrongTxCode(offer.txCode!) },
        '10.2.0.1',
      );
      expect(wrong.status).toBe(400);
    }
    expect((await guess('10.2.0.1')).status).toBe(429);
  });
});
