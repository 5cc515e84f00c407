// The jwt proof of possession (OID4VCI 1.0 Appendix F.1, DESIGN §4) at the credential endpoint, built
// with jose against the engine's moved clock: typ, alg, the key, the signature, aud, iat, the nonce.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUER, MDL_DOCTYPE, oauthError, startInProcess, type InProcessCounter } from './support/in-process';
import {
  credentialRequest,
  freshNonce,
  newHolderKey,
  proofJwt,
  rawSignedJwt,
  unsecuredJwt,
  type HolderKey,
  type ProofOptions,
} from './support/proofs';

let counter: InProcessCounter;
let holder: HolderKey;
/** Refusals leave a token its credential, so one serves them all. */
let refusedToken: string;
beforeAll(async () => {
  counter = await startInProcess();
  holder = await newHolderKey();
  counter.advance(3_600_000); // well past the keys' start, so that stale proofs can predate nothing odd
  refusedToken = (await counter.accessToken(await counter.createOffer())).access_token;
});
afterAll(() => counter.close());

const seconds = () => Math.floor(counter.now() / 1000);
const send = (accessToken: string, jwt: string) =>
  credentialRequest(counter, accessToken, { credential_configuration_id: counter.configurationId(MDL_DOCTYPE), proofs: { jwt: [jwt] } });
const withNonce = async (options: ProofOptions = {}) => proofJwt(counter, holder, { nonce: await freshNonce(counter), ...options });
const refusal = async (jwt: string) => oauthError(await send(refusedToken, jwt));
const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

describe('proof JWT', () => {
  it('accepts a proof with extra claims and header fields, within the clock tolerance either way', async () => {
    for (const options of [
      { payload: { iss: 'wallet-client', jti: crypto.randomUUID(), extra: [1, 2] }, header: { 'x-wallet': 'a' } },
      { payload: { iat: seconds() - 240 } },
      { payload: { iat: seconds() + 30 } },
      { payload: { aud: [ISSUER] } },
    ]) {
      const { access_token } = await counter.accessToken(await counter.createOffer());
      expect((await send(access_token, await withNonce(options))).status, JSON.stringify(options)).toBe(200);
    }
  });

  it('refuses another typ', async () => {
    for (const typ of ['JWT', undefined, 'openid4vci-proof+JWT', 'openid4vci-proof', 'dpop+jwt', 'kb+jwt']) {
      expect(await refusal(await withNonce({ header: { typ } })), String(typ)).toMatchObject({
        status: 400,
        error: 'invalid_proof',
        error_description: expect.stringMatching(/typ must be openid4vci-proof\+jwt/),
        cache: 'no-store',
      });
    }
  });

  it('refuses any algorithm but ES256, the unsecured one included', async () => {
    const p384 = await generateKeyPair('ES384');
    const hmac = new Uint8Array(32).fill(7);
    const proofs = [
      await new SignJWT({ aud: ISSUER, iat: seconds(), nonce: await freshNonce(counter) })
        .setProtectedHeader({ alg: 'ES384', typ: 'openid4vci-proof+jwt', jwk: await exportJWK(p384.publicKey) })
        .sign(p384.privateKey),
      await new SignJWT({ aud: ISSUER, iat: seconds(), nonce: await freshNonce(counter) })
        .setProtectedHeader({ alg: 'HS256', typ: 'openid4vci-proof+jwt', jwk: holder.publicJwk })
        .sign(hmac),
      unsecuredJwt(
        { alg: 'none', typ: 'openid4vci-proof+jwt', jwk: holder.publicJwk },
        { aud: ISSUER, iat: seconds(), nonce: await freshNonce(counter) },
      ),
    ];
    for (const jwt of proofs) {
      expect(await refusal(jwt)).toMatchObject({ status: 400, error: 'invalid_proof', error_description: expect.stringMatching(/ES256/) });
    }
  });

  it('refuses a missing, private, foreign-curve or malformed jwk, and key references it cannot resolve', async () => {
    const { x, y } = holder.publicJwk;
    const p384 = await exportJWK((await generateKeyPair('ES384')).publicKey);
    const privateJwk = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ jwk: undefined }, /jwk header with a P-256 public key/],
      [{ jwk: p384 }, /P-256/],
      [{ jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, /P-256/],
      [{ jwk: { kty: 'EC', crv: 'P-256', x: `${x}=`, y } }, /P-256/],
      [{ jwk: { kty: 'EC', crv: 'P-256', x: x.slice(2), y } }, /P-256/],
      [{ jwk: { kty: 'EC', crv: 'P-256', x } }, /P-256/],
      [{ jwk: 'a-string' }, /P-256/],
      [{ jwk: privateJwk }, /must not contain a private key/],
      [{ kid: 'key-1' }, /either jwk or kid/],
      [{ jwk: undefined, kid: 'did:web:wallet.example#key-1' }, /kid must be a did:jwk/],
      [{ jwk: undefined, kid: `did:jwk:${b64('not json')}#0` }, /does not hold a JSON key/],
      [{ jwk: undefined, kid: `did:jwk:${b64({ kty: 'EC', crv: 'P-256', x, y })}#1` }, /kid must be a did:jwk/],
      [{ x5c: ['MIIB'] }, /x5c proofs are not supported/],
    ];
    for (const [header, description] of cases) {
      expect(await refusal(await withNonce({ header })), JSON.stringify(header).slice(0, 80)).toMatchObject({
        status: 400,
        error: 'invalid_proof',
        error_description: expect.stringMatching(description),
      });
    }
  });

  it('refuses a signature that is not the jwk’s, and a proof changed after signing', async () => {
    const other = await newHolderKey();
    expect(await refusal(await withNonce({ signWith: other.privateKey }))).toMatchObject({
      error: 'invalid_proof',
      error_description: expect.stringMatching(/signature does not verify/),
    });
    const [header, , signature] = (await withNonce()).split('.');
    const changed = `${header}.${b64({ aud: ISSUER, iat: seconds(), nonce: await freshNonce(counter) })}.${signature}`;
    expect(await refusal(changed)).toMatchObject({
      error: 'invalid_proof',
      error_description: expect.stringMatching(/signature does not verify/),
    });
  });

  it('refuses another audience, or none', async () => {
    for (const aud of [
      'https://evil.example',
      `${ISSUER}/`,
      ISSUER.replace('https:', 'http:'),
      ISSUER.toUpperCase(),
      ['https://evil.example'],
    ]) {
      expect(await refusal(await withNonce({ payload: { aud } })), String(aud)).toMatchObject({
        status: 400,
        error: 'invalid_proof',
        error_description: `the proof's aud must be ${ISSUER}`,
      });
    }
    expect(await refusal(await withNonce({ payload: { aud: undefined } }))).toMatchObject({
      error: 'invalid_proof',
      error_description: 'the proof must contain the aud claim',
    });
  });

  it('refuses a stale proof, one from the future, one without a numeric iat, and an expired one', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ iat: seconds() - 400 }, /stale \(iat too far in the past\)/],
      [{ iat: seconds() + 120 }, /from the future \(iat\)/],
      [{ iat: undefined }, /must contain the iat claim/],
      [{ iat: String(seconds()) }, /iat claim must be a number/],
      [{ exp: seconds() - 120 }, /has expired \(exp\)/],
      [{ nbf: seconds() + 600 }, /nbf/],
    ];
    for (const [payload, description] of cases) {
      expect(await refusal(await withNonce({ payload })), JSON.stringify(payload)).toMatchObject({
        status: 400,
        error: 'invalid_proof',
        error_description: expect.stringMatching(description),
      });
    }
  });

  it('refuses a proof that a moved clock has made stale', async () => {
    const jwt = await withNonce();
    counter.advance(361_000);
    const { access_token } = await counter.accessToken(await counter.createOffer());
    expect(await oauthError(await send(access_token, jwt))).toMatchObject({
      error: 'invalid_proof',
      error_description: expect.stringMatching(/stale/),
    });
    refusedToken = access_token;
  });

  it('refuses what is not a JWT at all, and unknown critical headers', async () => {
    const nonce = await freshNonce(counter);
    const header = { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: holder.publicJwk };
    for (const jwt of [
      'abc',
      'a.b.c',
      `${b64(header)}.${b64('not json')}.AAAA`,
      `${b64(header)}..`,
      `${b64('[1]')}.${b64({})}.AA`,
      '.'.repeat(4),
    ]) {
      expect(await refusal(jwt), jwt.slice(0, 40)).toMatchObject({ status: 400, error: 'invalid_proof' });
    }
    // RFC 7515 §4.1.11: a critical extension the recipient does not understand makes the JWS invalid.
    const critical = await rawSignedJwt(holder, { ...header, crit: ['x-unknown'], 'x-unknown': 1 }, { aud: ISSUER, iat: seconds(), nonce });
    expect(await refusal(critical)).toMatchObject({ error: 'invalid_proof', error_description: expect.stringMatching(/x-unknown/) });
    // The same proof without the extension is good, so the refusal was for the extension.
    const { access_token } = await counter.accessToken(await counter.createOffer());
    expect((await send(access_token, await rawSignedJwt(holder, header, { aud: ISSUER, iat: seconds(), nonce }))).status).toBe(200);
  });

  it('refuses a missing, empty or non-string nonce as invalid_nonce', async () => {
    for (const nonce of [undefined, '', 42, ['a'], { n: 1 }]) {
      expect(await refusal(await proofJwt(counter, holder, { payload: { nonce } })), JSON.stringify(nonce)).toMatchObject({
        status: 400,
        error: 'invalid_nonce',
        error_description: expect.stringMatching(/c_nonce/),
      });
    }
  });

  it('left the refusals’ token its credential', async () => {
    expect((await send(refusedToken, await withNonce())).status).toBe(200);
  });
});
