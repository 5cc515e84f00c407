import { describe, expect, it } from 'vitest';
import { dpopProof, generateDpopKey } from '../../../../test/support/dpop-client';
import { createDpopNonces } from './dpop-nonces';
import { DpopRefusal, verifyDpopProof, type DpopPolicy } from './dpop-proof';
import { allowHttpIssuer } from './oauth2-library';

const URL_TOKEN = 'https://issuer.example/v1/oauth/token';
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const iat = Math.floor(NOW / 1000);

function policy(options: { nonceRequired?: boolean } = {}): DpopPolicy & { seen: Set<string> } {
  const seen = new Set<string>();
  return {
    seen,
    nonces: createDpopNonces(new Uint8Array(32).fill(7)),
    nonceRequired: options.nonceRequired ?? false,
    firstSight: async (hash) => {
      const k = Buffer.from(hash).toString('hex');
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<DpopRefusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DpopRefusal);
  return error as DpopRefusal;
}

describe('verifyDpopProof (RFC 9449 §4.3)', () => {
  it('accepts a fresh proof and gives the key thumbprint', async () => {
    const key = await generateDpopKey();
    const proof = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat });
    const result = await verifyDpopProof({ proof, method: 'POST', url: URL_TOKEN, now: NOW }, policy());
    expect(result.jkt).toBe(key.jkt);
  });

  it('refuses the same jti twice (§11.1), and not the same jti under another key', async () => {
    const p = policy();
    const key = await generateDpopKey();
    const proof = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat, jti: 'j-1' });
    await verifyDpopProof({ proof, method: 'POST', url: URL_TOKEN, now: NOW }, p);
    expect((await refusal(verifyDpopProof({ proof, method: 'POST', url: URL_TOKEN, now: NOW }, p))).message).toMatch(/replay/);
    const other = await dpopProof(await generateDpopKey(), { htm: 'POST', htu: URL_TOKEN, iat, jti: 'j-1' });
    await expect(verifyDpopProof({ proof: other, method: 'POST', url: URL_TOKEN, now: NOW }, p)).resolves.toBeTruthy();
  });

  it('refuses a wrong htu, htm, a stale or future iat, a private key, another alg, two headers', async () => {
    const key = await generateDpopKey();
    const cases: [string, Promise<string>][] = [
      ['htu', dpopProof(key, { htm: 'POST', htu: 'https://issuer.example/v1/openid/credential', iat })],
      ['htm', dpopProof(key, { htm: 'GET', htu: URL_TOKEN, iat })],
      ['iat', dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat: iat - 301 })],
      ['iat', dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat: iat + 61 })],
      ['private', dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat, header: { jwk: { ...key.publicJwk, d: 'AAAA' } } })],
      ['typ', dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat, header: { typ: 'JWT' } })],
    ];
    for (const [what, made] of cases) {
      const r = await refusal(verifyDpopProof({ proof: await made, method: 'POST', url: URL_TOKEN, now: NOW }, policy()));
      expect(r.kind, what).toBe('invalid_dpop_proof');
    }
    const proof = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat });
    expect((await refusal(verifyDpopProof({ proof: `${proof}, ${proof}`, method: 'POST', url: URL_TOKEN, now: NOW }, policy()))).kind).toBe(
      'invalid_dpop_proof',
    );
  });

  it('refuses a proof signed by a key other than its jwk header', async () => {
    const [key, other] = [await generateDpopKey(), await generateDpopKey()];
    const proof = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat, header: { jwk: other.publicJwk } });
    expect((await refusal(verifyDpopProof({ proof, method: 'POST', url: URL_TOKEN, now: NOW }, policy()))).message).toMatch(/verif/i);
  });

  it('at a resource: ath must match the token and the key the token is bound to', async () => {
    const url = 'https://issuer.example/v1/openid/credential';
    const key = await generateDpopKey();
    const good = await dpopProof(key, { htm: 'POST', htu: url, iat, accessToken: 'token-1' });
    await expect(
      verifyDpopProof({ proof: good, method: 'POST', url, now: NOW, accessToken: 'token-1', boundJkt: key.jkt }, policy()),
    ).resolves.toMatchObject({ jkt: key.jkt });
    const otherToken = await dpopProof(key, { htm: 'POST', htu: url, iat, accessToken: 'token-2' });
    await refusal(
      verifyDpopProof({ proof: otherToken, method: 'POST', url, now: NOW, accessToken: 'token-1', boundJkt: key.jkt }, policy()),
    );
    const noAth = await dpopProof(key, { htm: 'POST', htu: url, iat });
    await refusal(verifyDpopProof({ proof: noAth, method: 'POST', url, now: NOW, accessToken: 'token-1', boundJkt: key.jkt }, policy()));
    const wrongKey = await generateDpopKey();
    const stolen = await dpopProof(wrongKey, { htm: 'POST', htu: url, iat, accessToken: 'token-1' });
    const r = await refusal(
      verifyDpopProof({ proof: stolen, method: 'POST', url, now: NOW, accessToken: 'token-1', boundJkt: key.jkt }, policy()),
    );
    expect(r.message).toMatch(/thumbprint/);
  });

  it('nonces (§8): required → use_dpop_nonce without one; a current nonce passes; a forged or stale one does not', async () => {
    const p = policy({ nonceRequired: true });
    const key = await generateDpopKey();
    const without = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat });
    expect((await refusal(verifyDpopProof({ proof: without, method: 'POST', url: URL_TOKEN, now: NOW }, p))).kind).toBe('use_dpop_nonce');
    // A refused proof does not use up its jti: the same one with a nonce is not a replay.
    const nonce = p.nonces.current(NOW);
    const withNonce = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat, nonce });
    await expect(verifyDpopProof({ proof: withNonce, method: 'POST', url: URL_TOKEN, now: NOW + 1000 }, p)).resolves.toBeTruthy();
    const stale = await dpopProof(key, { htm: 'POST', htu: URL_TOKEN, iat: iat + 400, nonce });
    expect((await refusal(verifyDpopProof({ proof: stale, method: 'POST', url: URL_TOKEN, now: NOW + 400_000 }, p))).kind).toBe(
      'use_dpop_nonce',
    );
    const forged = await dpopProof(key, {
      htm: 'POST',
      htu: URL_TOKEN,
      iat,
      nonce: createDpopNonces(new Uint8Array(32).fill(8)).current(NOW),
    });
    expect((await refusal(verifyDpopProof({ proof: forged, method: 'POST', url: URL_TOKEN, now: NOW }, p))).kind).toBe('use_dpop_nonce');
    // Optional nonces: none is fine, but a stale one is still refused.
    const optional = policy();
    await expect(verifyDpopProof({ proof: without, method: 'POST', url: URL_TOKEN, now: NOW }, optional)).resolves.toBeTruthy();
  });

  it('accepts an http issuer URL once the library is told the issuer is http', async () => {
    allowHttpIssuer('http://127.0.0.1:8787');
    const key = await generateDpopKey();
    const url = 'http://127.0.0.1:8787/v1/oauth/token';
    const proof = await dpopProof(key, { htm: 'POST', htu: url, iat });
    await expect(verifyDpopProof({ proof, method: 'POST', url, now: NOW }, policy())).resolves.toMatchObject({ jkt: key.jkt });
  });
});

describe('DPoP nonces', () => {
  const nonces = createDpopNonces(new Uint8Array(32).fill(1));
  it('are shared within a step, current for about five minutes, and bound to the key', () => {
    const n = nonces.current(NOW);
    expect(nonces.current(NOW + 1)).toBe(n);
    expect(nonces.isCurrent(n, NOW + 4 * 60_000)).toBe(true);
    expect(nonces.isCurrent(n, NOW + 6 * 60_000)).toBe(false);
    expect(createDpopNonces(new Uint8Array(32).fill(2)).isCurrent(n, NOW)).toBe(false);
    expect(nonces.isCurrent('not-a-nonce', NOW)).toBe(false);
    expect(nonces.isCurrent(`${n}x`, NOW)).toBe(false);
  });
});
