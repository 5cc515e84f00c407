// DESIGN §12 over real HTTP: wallet attestation (OAuth attestation-based client authentication) at
// the token endpoint against wallet providers an admin configures, and key attestation in proofs
// (OID4VCI 1.0 Appendix D) for a configuration that requires it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDpopKey } from '../../support/dpop-client';
import { dpopWalletIssuance } from '../../support/dpop-wallet';
import { generateProofKey, keyProof } from '../../support/key-proofs';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import {
  attestedWallet,
  certificateWalletProvider,
  jwkWalletProvider,
  keyAttestation,
  type WalletProvider,
} from '../../support/wallet-provider';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS } from '../support/fixtures';
import { credentialRequest, events, nonce, setPolicy, tokenProof, tokenRequest } from './support';

let server: CounterServer;
let trusted: WalletProvider;
let stranger: WalletProvider;
let iacaPem: string;
beforeAll(async () => {
  server = await startCounter();
  [trusted, stranger] = await Promise.all([certificateWalletProvider(), certificateWalletProvider()]);
  iacaPem = ((await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas[0]!
    .certificatePem;
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const addProvider = (name: string, provider: WalletProvider) =>
  server.api('/v1/counter/wallet-providers', { method: 'POST', json: { name, ...provider.anchor } });

async function tokenEvent(offerId: string) {
  return (await events(server, 'OPENID_TOKEN_SUCCESS')).find((e) => e.offerId === offerId);
}

describe('wallet providers (admin API)', () => {
  it('registers a CA certificate and a JWK, refuses duplicates and junk, lists and deletes', async () => {
    const created = await addProvider('Test Wallet Provider', trusted);
    expect(created.status).toBe(201);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'Test Wallet Provider',
      kind: 'certificate',
      certificate: { subject: expect.stringContaining('Test Wallet Provider CA') },
    });
    expect((await addProvider('again', trusted)).status).toBe(409);
    const junk = await server.api('/v1/counter/wallet-providers', {
      method: 'POST',
      json: { name: 'x', certificatePem: 'not a certificate' },
    });
    expect(junk.status).toBe(400);
    expect(((await junk.json()) as { details: { param: string }[] }).details[0]?.param).toBe('certificatePem');
    const jwk = await jwkWalletProvider();
    const second = (await (await addProvider('JWK provider', jwk)).json()) as { id: string; kind: string };
    expect(second.kind).toBe('jwk');
    const list = (await (await server.api('/v1/counter/wallet-providers')).json()) as { data: { id: string }[] };
    expect(list.data.map((p) => p.id)).toContain(second.id);
    expect((await server.api(`/v1/counter/wallet-providers/${second.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.api(`/v1/counter/wallet-providers/${second.id}`, { method: 'DELETE' })).status).toBe(404);
    // Issuer tokens may not touch them.
    const issuerToken = (await (
      await server.api('/v1/counter/api-tokens', { method: 'POST', json: { name: 'clerk', role: 'issuer' } })
    ).json()) as { token: string };
    expect((await server.api('/v1/counter/wallet-providers', { token: issuerToken.token })).status).toBe(403);
  });
});

describe('wallet attestation at the token endpoint', () => {
  it('the wallet library, attested by a trusted provider and with DPoP: the token event says attested, and holds no attestation', async () => {
    const instance = await generateDpopKey();
    const wallet = await attestedWallet(trusted, { instanceKey: { privateKey: instance.privateKey, publicJwk: instance.publicJwk } });
    const offer = await createMdlOffer(server);
    const result = await dpopWalletIssuance(offer.uri, {
      txCode: String(offer.transactionCode),
      attestation: { jwt: wallet.attestation, privateKey: wallet.privateKey, publicJwk: wallet.publicJwk },
    });
    expect(result.credentials).toHaveLength(1);
    expect(await tokenEvent(offer.id)).toMatchObject({ walletAttested: true, dpop: true });
    const everything = JSON.stringify(await (await server.api('/v1/analytics/events?limit=100')).json());
    expect(everything).not.toContain(wallet.attestation.split('.')[1]!.slice(0, 40));
  });

  it('DPoP combined mode: the DPoP proof by the attested key stands for the PoP', async () => {
    const key = await generateDpopKey();
    const wallet = await attestedWallet(trusted, { instanceKey: { privateKey: key.privateKey, publicJwk: key.publicJwk } });
    const offer = await createMdlOffer(server);
    const answer = await tokenRequest(server, offer, {
      'oauth-client-attestation': wallet.attestation,
      dpop: await tokenProof(server, key),
    });
    expect(answer.status).toBe(200);
    expect(await tokenEvent(offer.id)).toMatchObject({ walletAttested: true, dpop: true });
  });

  it('optional (the default): an unknown provider is ignored, not trusted; the wallet still gets its token', async () => {
    const wallet = await attestedWallet(stranger);
    const offer = await createMdlOffer(server);
    const answer = await tokenRequest(server, offer, {
      'oauth-client-attestation': wallet.attestation,
      'oauth-client-attestation-pop': await wallet.pop(server.url),
    });
    expect(answer.status).toBe(200);
    expect(await tokenEvent(offer.id)).toMatchObject({ walletAttested: false });
  });

  it('required: refused without one or from an unknown provider (401 invalid_client), served when trusted', async () => {
    await setPolicy(server, { requireWalletAttestation: true });
    try {
      const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
      expect(as['pre-authorized_grant_anonymous_access_supported']).toBe(false);
      expect(as.token_endpoint_auth_methods_supported).toEqual(['attest_jwt_client_auth', 'attest_jwt_client_auth_dpop']);
      const offer = await createMdlOffer(server);
      expect(await tokenRequest(server, offer)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      const unknown = await attestedWallet(stranger);
      const refused = await tokenRequest(server, offer, {
        'oauth-client-attestation': unknown.attestation,
        'oauth-client-attestation-pop': await unknown.pop(server.url),
      });
      expect(refused).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      expect(refused.body.error_description).toMatch(/does not lead to a wallet provider this issuer trusts/);
      const known = await attestedWallet(trusted);
      const served = await tokenRequest(server, offer, {
        'oauth-client-attestation': known.attestation,
        'oauth-client-attestation-pop': await known.pop(server.url),
      });
      expect(served.status).toBe(200);
      // The refused attempts used nothing up: the same code served the trusted wallet.
      expect(await tokenEvent(offer.id)).toMatchObject({ walletAttested: true, dpop: false });
    } finally {
      await setPolicy(server, {});
    }
  });
});

describe('key attestation in proofs (OID4VCI 1.0 Appendix D)', () => {
  it('a configuration that requires it: advertised, refused without, issued for every attested key', async () => {
    const mdl = (await (
      await server.api(`/v2/credentials/mobile/configurations/${await configurationId(server, 'org.iso.18013.5.1.mDL')}`)
    ).json()) as Record<string, unknown>;
    const { id: _id, ...input } = mdl;
    const created = await server.api('/v2/credentials/mobile/configurations', {
      method: 'POST',
      json: {
        ...input,
        type: 'org.iso.18013.5.1.mDL.attested',
        keyAttestationsRequired: { keyStorage: ['iso_18045_moderate', 'iso_18045_high'] },
      },
    });
    expect(created.status).toBe(201);
    const configurationIdRequired = ((await created.json()) as { id: string }).id;
    const metadata = (await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as {
      credential_configurations_supported: Record<string, { proof_types_supported: Record<string, unknown> }>;
    };
    expect(metadata.credential_configurations_supported[configurationIdRequired]!.proof_types_supported).toMatchObject({
      jwt: { key_attestations_required: { key_storage: ['iso_18045_moderate', 'iso_18045_high'] } },
      attestation: { proof_signing_alg_values_supported: ['ES256'] },
    });

    const offer = await createMdlOffer(server, { credentials: [configurationIdRequired], claims: MDL_CLAIMS });
    const accessToken = (await tokenRequest(server, offer)).body.access_token as string;
    const auth = `Bearer ${accessToken}`;
    const plain = await credentialRequest(server, auth, {
      credential_configuration_id: configurationIdRequired,
      proofs: { jwt: [await keyProof(await generateProofKey(), { audience: server.url, nonce: (await nonce(server)).cNonce })] },
    });
    expect(plain).toMatchObject({ status: 400, body: { error: 'invalid_proof' } });

    const keys = await Promise.all([1, 2, 3].map(() => generateProofKey()));
    const { cNonce } = await nonce(server);
    const attestation = await keyAttestation(
      trusted,
      keys.map((k) => k.publicJwk),
      { nonce: cNonce },
    );
    // One proof, its key attestation vouching for three keys: three copies.
    const issued = await credentialRequest(server, auth, {
      credential_configuration_id: configurationIdRequired,
      proofs: { jwt: [await keyProof(keys[0]!, { audience: server.url, nonce: cNonce, keyAttestation: attestation })] },
    });
    expect(issued.status).toBe(200);
    const credentials = issued.body.credentials as { credential: string }[];
    expect(credentials).toHaveLength(3);
    for (const [i, { credential }] of credentials.entries()) {
      const mdoc = await verifyIssuerSigned(Buffer.from(credential, 'base64url'), {
        trustedIacaPems: [iacaPem],
        docType: 'org.iso.18013.5.1.mDL.attested',
      });
      expect(mdoc.deviceKeyJwk).toMatchObject(keys[i]!.publicJwk);
    }
    const credentialEvents = await events(server, 'OPENID_CREDENTIAL_SUCCESS');
    expect(credentialEvents.find((e) => e.offerId === offer.id)).toMatchObject({ copies: 3, keysAttested: 3 });
  });

  it('the attestation proof type: one key attestation, no proof of possession', async () => {
    const offer = await createMdlOffer(server);
    const accessToken = (await tokenRequest(server, offer)).body.access_token as string;
    const keys = await Promise.all([1, 2].map(() => generateProofKey()));
    const attestation = await keyAttestation(
      trusted,
      keys.map((k) => k.publicJwk),
      { nonce: (await nonce(server)).cNonce },
    );
    const issued = await credentialRequest(server, `Bearer ${accessToken}`, {
      credential_configuration_id: await configurationId(server, 'org.iso.18013.5.1.mDL'),
      proofs: { attestation: [attestation] },
    });
    expect(issued.status).toBe(200);
    const credentials = issued.body.credentials as { credential: string }[];
    expect(credentials).toHaveLength(2);
    for (const [i, { credential }] of credentials.entries()) {
      const mdoc = await verifyIssuerSigned(Buffer.from(credential, 'base64url'), {
        trustedIacaPems: [iacaPem],
        docType: 'org.iso.18013.5.1.mDL',
      });
      expect(mdoc.deviceKeyJwk).toMatchObject(keys[i]!.publicJwk);
    }
    // Without a c_nonce in it, an attestation proof is refused.
    const stale = await keyAttestation(
      trusted,
      keys.map((k) => k.publicJwk),
    );
    const offer2 = await createMdlOffer(server);
    const token2 = (await tokenRequest(server, offer2)).body.access_token as string;
    expect(
      await credentialRequest(server, `Bearer ${token2}`, {
        credential_configuration_id: await configurationId(server, 'org.iso.18013.5.1.mDL'),
        proofs: { attestation: [stale] },
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_nonce' } });
  });
});
