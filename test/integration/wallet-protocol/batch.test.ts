// DESIGN §12, OID4VCI 1.0 §8: batch issuance over real HTTP. Five proofs, five mDocs, each checked
// by the independent verifier and bound to its own key, with fresh salts; more than batch_size is
// invalid_proof; the offer is claimed once its batch is issued and says how many copies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCbor } from '../../support/cbor-lite';
import { checkStatusListToken, statusOfIssuerSigned } from '../../support/status-list-check';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { dpopWalletIssuance } from '../../support/dpop-wallet';
import { generateProofKey, keyProof } from '../../support/key-proofs';
import { createProofJwt, generateDeviceKey, getAccessToken } from '../../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, createMdlOffer } from '../support/fixtures';
import { dpopAuthorization, dpopProof, generateDpopKey } from '../../support/dpop-client';
import { credentialRequest, nonce, setPolicy, tokenProof, tokenRequest } from './support';

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

/** The salts of every IssuerSignedItem of an IssuerSigned, as hex. */
function salts(issuerSigned: Uint8Array): string[] {
  const decoded = decodeCbor(issuerSigned) as Map<string, unknown>;
  const nameSpaces = decoded.get('nameSpaces') as Map<string, { value: Uint8Array }[]>;
  const out: string[] = [];
  for (const items of nameSpaces.values()) {
    for (const item of items) out.push(Buffer.from((decodeCbor(item.value) as Map<string, Uint8Array>).get('random')!).toString('hex'));
  }
  return out;
}

describe('batch issuance (OID4VCI 1.0 §8)', () => {
  it('advertises batch_credential_issuance and both COSE algorithms, as numbers', async () => {
    const metadata = (await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>;
    expect(metadata.batch_credential_issuance).toEqual({ batch_size: 10 });
    const mdl = (metadata.credential_configurations_supported as Record<string, Record<string, unknown>>)[mdlId]!;
    expect(mdl.credential_signing_alg_values_supported).toEqual([-7, -9]);
    // HAIP §4.1: a scope for every configuration, and the nonce endpoint since they bind keys.
    const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as { scopes_supported: string[] };
    for (const c of Object.values(metadata.credential_configurations_supported as Record<string, Record<string, unknown>>)) {
      expect(as.scopes_supported).toContain(c.scope);
      expect(c.cryptographic_binding_methods_supported).toEqual(['cose_key']);
    }
    expect(metadata.nonce_endpoint).toBe(`${server.url}/v1/openid/nonce`);
  });

  it('5 proofs from the wallet library → 5 mDocs, each verified with its own device key, fresh salts; the offer says 5 copies', async () => {
    const offer = await createMdlOffer(server);
    const result = await dpopWalletIssuance(offer.uri, { txCode: String(offer.transactionCode), copies: 5 });
    expect(result.credentials).toHaveLength(5);
    const seenSalts = new Set<string>();
    for (const [i, credential] of result.credentials.entries()) {
      const bytes = Buffer.from(credential, 'base64url');
      const mdoc = await verifyIssuerSigned(bytes, { trustedIacaPems: [iacaPem], docType: 'org.iso.18013.5.1.mDL' });
      expect(mdoc.deviceKeyJwk).toMatchObject(result.deviceKeys[i]!.publicJwk);
      expect(mdoc.claims['org.iso.18013.5.1']?.family_name).toBe('Tāwhiri');
      for (const salt of salts(bytes)) {
        expect(seenSalts.has(salt)).toBe(false);
        seenSalts.add(salt);
      }
    }
    const summary = (await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as Record<string, unknown>;
    expect(summary).toMatchObject({ status: 'claimed', issuedCopies: 5 });
    const events = (
      (await (await server.api('/v1/analytics/events?type=OPENID_CREDENTIAL_SUCCESS&limit=100')).json()) as {
        data: { data: Record<string, unknown> }[];
      }
    ).data.map((e) => e.data);
    expect(events.find((e) => e.offerId === offer.id)).toMatchObject({ copies: 5, keysAttested: 0 });
  });

  it('each copy has its own status list index and is an issued credential of its own, revoked on its own (DESIGN §11)', async () => {
    const offer = await createMdlOffer(server, { userId: 'batch-holder' });
    const result = await dpopWalletIssuance(offer.uri, { txCode: String(offer.transactionCode), copies: 4 });
    const statuses = result.credentials.map((c) => statusOfIssuerSigned(new Uint8Array(Buffer.from(c, 'base64url')))!);
    expect(new Set(statuses.map((s) => s.uri)).size).toBe(1);
    const indices = statuses.map((s) => s.idx);
    expect(new Set(indices).size).toBe(4);
    // Drawn through the keyed permutation: not a run of neighbours a verifier could link.
    const sorted = [...indices].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(3);

    const summary = (await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as {
      issuedCredentials: { id: string; status: string; statusList: { idx: number; uri: string } }[];
    };
    expect(summary.issuedCredentials).toHaveLength(4);
    expect(new Set(summary.issuedCredentials.map((c) => c.statusList.idx))).toEqual(new Set(indices));
    const issued = (await (await server.api('/v2/credentials/mobile/issued?userId=batch-holder')).json()) as { data: { id: string }[] };
    expect(issued.data).toHaveLength(4);

    const target = summary.issuedCredentials.find((c) => c.statusList.idx === indices[1])!;
    const revoke = await server.api(`/v2/credentials/mobile/${target.id}/status`, { method: 'POST', json: { status: 'invalid' } });
    expect(revoke.status).toBe(200);
    const token = new Uint8Array(await (await fetch(statuses[0]!.uri)).arrayBuffer());
    const checked = await checkStatusListToken(token, iacaPem);
    expect(indices.map((idx) => checked.statusAt(idx))).toEqual([0, 1, 0, 0]);
  });

  it('more proofs than batch_size is invalid_proof, and uses up nothing', async () => {
    await setPolicy(server, { batchSize: 3 });
    try {
      const offer = await createMdlOffer(server);
      const token = await tokenRequest(server, offer);
      const accessToken = token.body.access_token as string;
      const { cNonce } = await nonce(server);
      const keys = await Promise.all([1, 2, 3, 4].map(() => generateProofKey()));
      const jwts = await Promise.all(keys.map((k) => keyProof(k, { audience: server.url, nonce: cNonce })));
      const tooMany = await credentialRequest(server, `Bearer ${accessToken}`, {
        credential_configuration_id: mdlId,
        proofs: { jwt: jwts },
      });
      expect(tooMany).toMatchObject({ status: 400, body: { error: 'invalid_proof' } });
      expect(tooMany.body.error_description).toMatch(/batch_size/);
      const three = await credentialRequest(server, `Bearer ${accessToken}`, {
        credential_configuration_id: mdlId,
        proofs: { jwt: jwts.slice(0, 3) },
      });
      expect(three.status).toBe(200);
      expect(three.body.credentials).toHaveLength(3);
      const again = await credentialRequest(server, `Bearer ${accessToken}`, {
        credential_configuration_id: mdlId,
        proofs: { jwt: jwts.slice(3) },
      });
      expect(again.status).toBe(401);
    } finally {
      await setPolicy(server, {});
    }
  });

  it('batch_size 1 turns batch issuance off: no batch metadata, two proofs refused', async () => {
    await setPolicy(server, { batchSize: 1 });
    try {
      const metadata = (await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>;
      expect(metadata).not.toHaveProperty('batch_credential_issuance');
      const offer = await createMdlOffer(server);
      const accessToken = (await tokenRequest(server, offer)).body.access_token as string;
      const { cNonce } = await nonce(server);
      const jwts = [
        await keyProof(await generateProofKey(), { audience: server.url, nonce: cNonce }),
        await keyProof(await generateProofKey(), { audience: server.url, nonce: cNonce }),
      ];
      expect(
        await credentialRequest(server, `Bearer ${accessToken}`, { credential_configuration_id: mdlId, proofs: { jwt: jwts } }),
      ).toMatchObject({
        status: 400,
        body: { error: 'invalid_proof' },
      });
    } finally {
      await setPolicy(server, {});
    }
  });

  it('draft 13–15 request shapes still issue one credential (singular proof, format + doctype)', async () => {
    const offer = await createMdlOffer(server);
    const session = await getAccessToken(offer.uri, { txCode: String(offer.transactionCode) });
    const deviceKey = await generateDeviceKey();
    const draft = await credentialRequest(server, `Bearer ${session.accessToken}`, {
      format: 'mso_mdoc',
      doctype: 'org.iso.18013.5.1.mDL',
      proof: { proof_type: 'jwt', jwt: await createProofJwt({ deviceKey, audience: server.url, nonce: (await nonce(server)).cNonce }) },
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ format: 'mso_mdoc' });
    expect(draft.body.credentials).toHaveLength(1);
    expect(typeof draft.body.credential).toBe('string');
  });

  it('draft 13–15 request shapes issue with a DPoP-bound token too (format + doctype, singular proof, the token response c_nonce)', async () => {
    const key = await generateDpopKey();
    const offer = await createMdlOffer(server);
    const token = await tokenRequest(server, offer, { dpop: await tokenProof(server, key) });
    expect(token.body).toMatchObject({ token_type: 'DPoP', c_nonce: expect.any(String) });
    const accessToken = token.body.access_token as string;
    const deviceKey = await generateDeviceKey();
    const body = {
      format: 'mso_mdoc',
      doctype: 'org.iso.18013.5.1.mDL',
      // Drafts 13–14 take the first c_nonce from the token response.
      proof: { proof_type: 'jwt', jwt: await createProofJwt({ deviceKey, audience: server.url, nonce: token.body.c_nonce as string }) },
    };
    const proof = () => dpopProof(key, { htm: 'POST', htu: `${server.url}/v1/openid/credential`, accessToken });
    // The bound token still needs its proof, whatever the body's shape.
    expect(await credentialRequest(server, `Bearer ${accessToken}`, body)).toMatchObject({ status: 401 });
    const draft = await credentialRequest(server, dpopAuthorization(accessToken), body, await proof());
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ format: 'mso_mdoc', credential: expect.any(String) });
    const mdoc = await verifyIssuerSigned(Buffer.from(draft.body.credential as string, 'base64url'), {
      trustedIacaPems: [iacaPem],
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(mdoc.deviceKeyJwk).toMatchObject({ x: deviceKey.publicJwk.x, y: deviceKey.publicJwk.y });
  });
});
