// DESIGN §12, RFC 9449 over real HTTP: DPoP-bound tokens with the real wallet library and with a
// client written from the RFC with jose; Bearer use of a bound token, another key, a replayed jti,
// a wrong htu refused; server nonces round trip; requireDpop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { dpopAuthorization, dpopProof, generateDpopKey } from '../../support/dpop-client';
import { dpopWalletIssuance } from '../../support/dpop-wallet';
import { keyProof } from '../../support/key-proofs';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, createMdlOffer } from '../support/fixtures';
import { credentialRequest, events, nonce, notificationRequest, setPolicy, tokenProof, tokenRequest } from './support';

let server: CounterServer;
let mdlId: string;
let iacaPem: string;
beforeAll(async () => {
  server = await startCounter();
  mdlId = await configurationId(server, 'org.iso.18013.5.1.mDL');
  iacaPem = ((await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas[0]!
    .certificatePem;
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const credentialUrl = () => `${server.url}/v1/openid/credential`;

/** A token bound to a fresh DPoP key, obtained by the jose client. */
async function boundToken() {
  const key = await generateDpopKey();
  const offer = await createMdlOffer(server);
  const token = await tokenRequest(server, offer, { dpop: await tokenProof(server, key) });
  expect(token.status).toBe(200);
  return { key, offer, accessToken: token.body.access_token as string, token };
}

async function proofBody(deviceKey = generateDpopKey()) {
  return {
    credential_configuration_id: mdlId,
    proofs: { jwt: [await keyProof(await deviceKey, { audience: server.url, nonce: (await nonce(server)).cNonce })] },
  };
}

describe('DPoP (RFC 9449)', () => {
  it('advertises ES256 for DPoP and hands out a DPoP-Nonce with every c_nonce', async () => {
    const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as.dpop_signing_alg_values_supported).toEqual(['ES256']);
    expect((await nonce(server)).dpopNonce).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
  });

  it('the real wallet library with DPoP on: a bound token, and an mDoc the independent verifier accepts', async () => {
    const offer = await createMdlOffer(server);
    const result = await dpopWalletIssuance(offer.uri, { txCode: String(offer.transactionCode) });
    expect(result.tokenType).toBe('DPoP');
    expect(result.credentials).toHaveLength(1);
    const mdoc = await verifyIssuerSigned(Buffer.from(result.credentials[0]!, 'base64url'), {
      trustedIacaPems: [iacaPem],
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(mdoc.deviceKeyJwk).toMatchObject(result.deviceKeys[0]!.publicJwk);
    const tokenEvents = await events(server, 'OPENID_TOKEN_SUCCESS');
    expect(tokenEvents.find((e) => e.offerId === offer.id)).toMatchObject({ dpop: true, walletAttested: false });
  });

  it('jose client: the token is bound (token_type DPoP); Bearer use of it is 401; so is DPoP use of a Bearer token', async () => {
    const { key, accessToken, token } = await boundToken();
    expect(token.body.token_type).toBe('DPoP');
    expect(token.headers.get('dpop-nonce')).toBeTruthy();
    const bearer = await credentialRequest(server, `Bearer ${accessToken}`, await proofBody());
    expect(bearer).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect(bearer.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_token"/);
    // Without a proof, with the DPoP scheme.
    expect(await credentialRequest(server, dpopAuthorization(accessToken), await proofBody())).toMatchObject({ status: 401 });
    // The key's own proof, with ath: issued.
    const good = await dpopProof(key, { htm: 'POST', htu: credentialUrl(), accessToken });
    const issued = await credentialRequest(server, dpopAuthorization(accessToken), await proofBody(), good);
    expect(issued.status).toBe(200);
    expect(issued.headers.get('dpop-nonce')).toBeTruthy();

    const plain = await tokenRequest(server, await createMdlOffer(server));
    expect(plain.body.token_type).toBe('Bearer');
    const wrongScheme = await credentialRequest(server, dpopAuthorization(plain.body.access_token as string), await proofBody(), good);
    expect(wrongScheme).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('jose client: another key, a wrong htu, a missing or wrong ath, a replayed jti are refused', async () => {
    const { key, accessToken } = await boundToken();
    const refused = async (proof: string) => {
      const answer = await credentialRequest(server, dpopAuthorization(accessToken), await proofBody(), proof);
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('invalid_dpop_proof');
      expect(answer.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_dpop_proof"/);
      return answer.body.error_description as string;
    };
    expect(await refused(await dpopProof(await generateDpopKey(), { htm: 'POST', htu: credentialUrl(), accessToken }))).toMatch(
      /thumbprint/,
    );
    expect(await refused(await dpopProof(key, { htm: 'POST', htu: `${server.url}/v1/openid/notification`, accessToken }))).toMatch(/htu/);
    expect(await refused(await dpopProof(key, { htm: 'POST', htu: credentialUrl() }))).toMatch(/ath/);
    expect(await refused(await dpopProof(key, { htm: 'POST', htu: credentialUrl(), accessToken: 'another-token' }))).toMatch(/ath/);

    // A jti is used once: at the token endpoint, a second code with the same proof is refused.
    const other = await generateDpopKey();
    const proof = await tokenProof(server, other);
    expect((await tokenRequest(server, await createMdlOffer(server), { dpop: proof })).status).toBe(200);
    const replay = await tokenRequest(server, await createMdlOffer(server), { dpop: proof });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
    expect(replay.body.error_description).toMatch(/replay/);

    // And at a protected resource: the notification, after the credential is issued.
    const issued = await credentialRequest(
      server,
      dpopAuthorization(accessToken),
      await proofBody(),
      await dpopProof(key, { htm: 'POST', htu: credentialUrl(), accessToken }),
    );
    expect(issued.status).toBe(200);
    const notify = await dpopProof(key, { htm: 'POST', htu: `${server.url}/v1/openid/notification`, accessToken });
    const body = { notification_id: issued.body.notification_id, event: 'credential_accepted' };
    expect((await notificationRequest(server, dpopAuthorization(accessToken), body, notify)).status).toBe(204);
    expect(await notificationRequest(server, dpopAuthorization(accessToken), body, notify)).toMatchObject({
      status: 401,
      body: { error: 'invalid_dpop_proof' },
    });
  });

  it('server nonces: use_dpop_nonce with a DPoP-Nonce, the retry passes; the library does the round trip itself', async () => {
    await setPolicy(server, { requireDpopNonce: true });
    try {
      const key = await generateDpopKey();
      const offer = await createMdlOffer(server);
      const first = await tokenRequest(server, offer, { dpop: await tokenProof(server, key) });
      expect(first).toMatchObject({ status: 400, body: { error: 'use_dpop_nonce' } });
      const serverNonce = first.headers.get('dpop-nonce');
      expect(serverNonce).toBeTruthy();
      // The refused proof did not use up the code: the retry with the nonce gets the token.
      const retry = await tokenRequest(server, offer, { dpop: await tokenProof(server, key, { nonce: serverNonce! }) });
      expect(retry).toMatchObject({ status: 200, body: { token_type: 'DPoP' } });
      const accessToken = retry.body.access_token as string;
      // At the credential endpoint: 401 with a DPoP challenge and a nonce, then the retry passes.
      const noNonce = await credentialRequest(
        server,
        dpopAuthorization(accessToken),
        await proofBody(),
        await dpopProof(key, { htm: 'POST', htu: credentialUrl(), accessToken }),
      );
      expect(noNonce).toMatchObject({ status: 401, body: { error: 'use_dpop_nonce' } });
      expect(noNonce.headers.get('www-authenticate')).toMatch(/^DPoP error="use_dpop_nonce"/);
      const withNonce = await dpopProof(key, { htm: 'POST', htu: credentialUrl(), accessToken, nonce: noNonce.headers.get('dpop-nonce')! });
      expect((await credentialRequest(server, dpopAuthorization(accessToken), await proofBody(), withNonce)).status).toBe(200);

      // The library meets use_dpop_nonce at the token endpoint and retries on its own.
      const libraryOffer = await createMdlOffer(server);
      const library = await dpopWalletIssuance(libraryOffer.uri, { txCode: String(libraryOffer.transactionCode) });
      expect(library.tokenType).toBe('DPoP');
      expect(library.tokenDpopNonce).toBeTruthy();
      expect(library.credentials).toHaveLength(1);
    } finally {
      await setPolicy(server, {});
    }
  });

  it('requireDpop: a token request without a proof is refused and Bearer tokens are not accepted; off again, Bearer wallets are served', async () => {
    const bearerBefore = await tokenRequest(server, await createMdlOffer(server));
    expect(bearerBefore.body.token_type).toBe('Bearer');
    await setPolicy(server, { requireDpop: true });
    try {
      const refused = await tokenRequest(server, await createMdlOffer(server));
      expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
      expect(refused.headers.get('dpop-nonce')).toBeTruthy();
      const oldBearer = await credentialRequest(server, `Bearer ${bearerBefore.body.access_token as string}`, await proofBody());
      expect(oldBearer).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
      const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
      expect(as.dpop_signing_alg_values_supported).toEqual(['ES256']);
      const bound = await boundToken();
      expect(bound.token.body.token_type).toBe('DPoP');
    } finally {
      await setPolicy(server, {});
    }
    const offer = await createMdlOffer(server);
    const bearer = await dpopWalletIssuance(offer.uri, { txCode: String(offer.transactionCode), withoutDpop: true });
    expect(bearer.tokenType).toBe('Bearer');
    expect(bearer.credentials).toHaveLength(1);
  });
});
