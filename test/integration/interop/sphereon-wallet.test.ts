// Interop (DESIGN §4, §12): wallets that speak the older drafts keep working. A second, independent
// wallet library, Sphereon's @sphereon/oid4vci-client (draft 15 request shapes, see ./sphereon-wallet.ts),
// runs the pre-authorized flow against the real server over real HTTP; the mDoc it receives is
// checked by the independent verifier (@owf/mdoc, test/support/mdoc-verifier.ts).
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { jwkWalletProvider } from '../../support/wallet-provider';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer, MDL_CLAIMS, PORTRAIT_BASE64 } from '../support/fixtures';
import { events, setPolicy } from '../wallet-protocol/support';
import { sphereonClient, sphereonIssuance, sphereonTokenAttempt, type SphereonIssuance } from './sphereon-wallet';

let server: CounterServer;
let iacaPems: string[];
beforeAll(async () => {
  server = await startCounter();
  const iacas = (await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
  iacaPems = iacas.iacas.map((i) => i.certificatePem);
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const offerStatus = async (id: string) =>
  ((await (await server.api(`/v1/openid/offers/pre-authorized/${id}`)).json()) as { status: string }).status;

/** The mDoc verifies on its own and is bound to the key named in the jwk header of the proof the library sent. */
async function verifiedAndBound(result: SphereonIssuance, docType: string) {
  expect(result.proofs).toHaveLength(1);
  const header = decodeProtectedHeader(result.proofs[0]!);
  expect(header).toMatchObject({ typ: 'openid4vci-proof+jwt', alg: 'ES256' });
  expect(header.jwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: result.deviceKey.publicJwk.x, y: result.deviceKey.publicJwk.y });
  expect(decodeJwt(result.proofs[0]!).aud).toBe(server.url);
  const mdoc = await verifyIssuerSigned(Buffer.from(result.credential, 'base64url'), { trustedIacaPems: iacaPems, docType });
  expect(mdoc.deviceKeyJwk).toEqual({ kty: 'EC', crv: 'P-256', x: header.jwk!.x, y: header.jwk!.y });
  return mdoc;
}

describe('a draft 15 wallet: @sphereon/oid4vci-client', () => {
  it('pre-authorized code with a tx_code: offer → token → credential, an mDL the independent verifier accepts, bound to the proof key', async () => {
    const offer = await createMdlOffer(server);
    const result = await sphereonIssuance(offer.uri, { txCode: String(offer.transactionCode) });

    expect(result.token.token_type).toBe('Bearer');
    // Drafts ≤ 14 take the first c_nonce from the token response; the library signs that one.
    expect(typeof result.token.c_nonce).toBe('string');
    expect(decodeJwt(result.proofs[0]!).nonce).toBe(result.token.c_nonce);
    // The draft answer shape ({credential, format}) as well as 1.0's credentials: the server read the
    // singular `proof` the library sent (draft 15 §8.2).
    expect(result.response).toMatchObject({
      format: 'mso_mdoc',
      credential: result.credential,
      credentials: [{ credential: result.credential }],
    });

    const mdoc = await verifiedAndBound(result, 'org.iso.18013.5.1.mDL');
    const mdl = mdoc.claims['org.iso.18013.5.1']!;
    expect(mdl).toMatchObject({ family_name: MDL_CLAIMS.family_name, given_name: MDL_CLAIMS.given_name, birth_date: '1990-02-14' });
    expect(Buffer.from(mdl.portrait as Uint8Array).toString('base64')).toBe(PORTRAIT_BASE64);
    expect(await offerStatus(offer.id)).toBe('claimed');

    // Draft 15 §10: the library's notification with the Bearer token moves the offer on.
    const notificationEndpoint = result.client.endpointMetadata.credentialIssuerMetadata?.notification_endpoint;
    expect(notificationEndpoint).toBe(`${server.url}/v1/openid/notification`);
    const notified = await result.client.sendNotification(
      { notificationEndpoint },
      { notification_id: result.response.notification_id!, event: 'credential_accepted' },
      result.token.access_token,
    );
    expect(notified).toEqual({ error: false });
    expect(await offerStatus(offer.id)).toBe('accepted');
    const tokenEvent = (await events(server, 'OPENID_TOKEN_SUCCESS')).find((e) => e.offerId === offer.id);
    expect(tokenEvent).toMatchObject({ dpop: false, walletAttested: false });
  });

  it('an offer by reference (credential_offer_uri) with a text tx_code: an EU PID', async () => {
    const configurations = (await (await server.api('/v2/credentials/mobile/configurations')).json()) as {
      data: { id: string; type: string }[];
    };
    const pid = configurations.data.find((c) => c.type === 'eu.europa.ec.eudi.pid.1')!;
    const created = await server.api('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      json: {
        credentials: [pid.id],
        claims: {
          family_name: 'Doe',
          given_name: 'Jane',
          birth_date: '1985-07-01',
          issuance_date: '2026-11-23',
          expiry_date: '2027-11-23',
        },
        transactionCodeConfiguration: { inputMode: 'text' },
        offerBy: 'reference',
      },
    });
    expect(created.status).toBe(201);
    const offer = (await created.json()) as { id: string; uri: string; transactionCode: string };
    expect(new URL(offer.uri).searchParams.has('credential_offer_uri')).toBe(true);

    const result = await sphereonIssuance(offer.uri, { txCode: offer.transactionCode });
    expect(result.client.getCredentialOfferConfigurationIds()).toEqual([pid.id]);
    const mdoc = await verifiedAndBound(result, 'eu.europa.ec.eudi.pid.1');
    expect(mdoc.claims['eu.europa.ec.eudi.pid.1']).toMatchObject({ family_name: 'Doe', birth_date: '1985-07-01' });
    expect(await offerStatus(offer.id)).toBe('claimed');
  });

  it('a wrong tx_code gets invalid_grant in the OAuth shape {error, error_description}, and the code stays redeemable', async () => {
    const offer = await createMdlOffer(server);
    const right = String(offer.transactionCode);
    // Same form (six digits, the library checks the offer's tx_code description), one digit off.
    const wrong = right.slice(0, 5) + String((Number(right[5]) + 1) % 10);
    const client = await sphereonClient(offer.uri);

    const refused = await sphereonTokenAttempt(client, wrong);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.successBody).toBeUndefined();
    expect(refused.errorBody).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    expect((refused.errorBody as { error_description: string }).error_description.length).toBeGreaterThan(0);
    // The library's own client reports the refusal (status only; it drops the body).
    await expect(client.acquireAccessToken({ pin: wrong })).rejects.toThrow(/status: 400/);

    // Two strikes of three: the offer is neither used up nor locked, and the right code still works.
    expect(await offerStatus(offer.id)).toBe('pending');
    const token = await client.acquireAccessToken({ pin: right });
    expect(token.token_type).toBe('Bearer');
    expect(await offerStatus(offer.id)).toBe('token_issued');
  });

  it('with DPoP (RFC 9449): a bound token, the DPoP scheme at the credential endpoint, an mDL the verifier accepts', async () => {
    const offer = await createMdlOffer(server);
    const result = await sphereonIssuance(offer.uri, { txCode: String(offer.transactionCode), dpop: true });
    const dpop = result.dpop!;

    expect(result.token.token_type).toBe('DPoP');
    // One proof per request, each by the DPoP key: the token request, then the credential request with ath.
    expect(dpop.proofs).toHaveLength(2);
    for (const proof of dpop.proofs) {
      expect(decodeProtectedHeader(proof)).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { x: dpop.key.publicJwk.x } });
    }
    const [tokenProof, credentialProof] = dpop.proofs.map((p) => decodeJwt(p));
    expect(tokenProof).toMatchObject({ htm: 'POST', htu: `${server.url}/v1/oauth/token` });
    expect(tokenProof!.ath).toBeUndefined();
    expect(credentialProof).toMatchObject({
      htm: 'POST',
      htu: `${server.url}/v1/openid/credential`,
      ath: createHash('sha256').update(result.token.access_token).digest('base64url'),
    });

    const mdoc = await verifiedAndBound(result, 'org.iso.18013.5.1.mDL');
    expect(mdoc.deviceKeyJwk.x).not.toBe(dpop.key.publicJwk.x);
    expect((await events(server, 'OPENID_TOKEN_SUCCESS')).find((e) => e.offerId === offer.id)).toMatchObject({ dpop: true });
    expect((await events(server, 'OPENID_CREDENTIAL_SUCCESS')).find((e) => e.offerId === offer.id)).toMatchObject({ dpop: true });

    // The library's notification sends no DPoP proof, so the bound token goes out as Bearer, which
    // RFC 9449 §7.1 forbids: refused in the OAuth shape, the credential stays issued.
    const notified = await result.client.sendNotification(
      { notificationEndpoint: `${server.url}/v1/openid/notification` },
      { notification_id: result.response.notification_id!, event: 'credential_accepted' },
      result.token.access_token,
    );
    expect(notified).toMatchObject({ error: true, response: { error: 'invalid_token', error_description: expect.any(String) } });
    expect(await offerStatus(offer.id)).toBe('claimed');
  });

  it('the 1.0 features switched on and advertised (attestation proof type, PAR required, batches) leave it served', async () => {
    const provider = await jwkWalletProvider();
    const added = await server.api('/v1/counter/wallet-providers', { method: 'POST', json: { name: 'Interop WP', ...provider.anchor } });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    await setPolicy(server, { requirePushedAuthorizationRequests: true, batchSize: 5 });
    try {
      const issuer = (await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as {
        batch_credential_issuance?: { batch_size: number };
        credential_configurations_supported: Record<string, { proof_types_supported: Record<string, unknown> }>;
      };
      expect(issuer.batch_credential_issuance).toEqual({ batch_size: 5 });
      expect(Object.values(issuer.credential_configurations_supported)[0]!.proof_types_supported).toHaveProperty('attestation');

      const offer = await createMdlOffer(server);
      const result = await sphereonIssuance(offer.uri, { txCode: String(offer.transactionCode) });
      expect(result.response.credentials).toHaveLength(1);
      await verifiedAndBound(result, 'org.iso.18013.5.1.mDL');
    } finally {
      await setPolicy(server, {});
      expect((await server.api(`/v1/counter/wallet-providers/${id}`, { method: 'DELETE' })).status).toBe(204);
    }
  });

  it('requireDpop with server nonces: the library retries on use_dpop_nonce; without DPoP it is refused in the OAuth shape', async () => {
    await setPolicy(server, { requireDpop: true, requireDpopNonce: true });
    try {
      const offer = await createMdlOffer(server);
      const result = await sphereonIssuance(offer.uri, { txCode: String(offer.transactionCode), dpop: true });
      expect(result.token.token_type).toBe('DPoP');
      const proofs = result.dpop!.proofs.map((p) => decodeJwt(p));
      // RFC 9449 §8: the first token proof has no nonce, is answered use_dpop_nonce, the retry carries one.
      expect(proofs[0]).toMatchObject({ htu: `${server.url}/v1/oauth/token` });
      expect(proofs[0]!.nonce).toBeUndefined();
      expect(proofs[1]).toMatchObject({ htu: `${server.url}/v1/oauth/token`, nonce: expect.any(String) });
      expect(proofs.at(-1)).toMatchObject({ htu: `${server.url}/v1/openid/credential`, nonce: expect.any(String) });
      await verifiedAndBound(result, 'org.iso.18013.5.1.mDL');

      const bearerOnly = await createMdlOffer(server);
      const refused = await sphereonTokenAttempt(await sphereonClient(bearerOnly.uri), String(bearerOnly.transactionCode));
      expect(refused.status).toBe(400);
      expect(refused.errorBody).toEqual({ error: 'invalid_dpop_proof', error_description: expect.any(String) });
      expect(await offerStatus(bearerOnly.id)).toBe('pending');
    } finally {
      await setPolicy(server, {});
    }
  });
});
