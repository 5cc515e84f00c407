// DESIGN §12, §13: a DPoP proof's jti is seen once among all processes on one PostgreSQL
// database, a nonce one process hands out is good at the other (the nonce key is shared), and the
// metadata signing key one process makes and certifies signs the other's metadata at once.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpopAuthorization, dpopProof, generateDpopKey } from '../../support/dpop-client';
import { keyProof, generateProofKey } from '../../support/key-proofs';
import { testMetadataCa } from '../../support/metadata-signing-files';
import { freshDatabase, postgresSkipReason } from '../../support/postgres';
import { newDataDir, removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, createMdlOffer } from '../support/fixtures';
import { credentialRequest, nonce, setPolicy, tokenRequest } from './support';

let a: CounterServer;
let b: CounterServer;
let dataDir: string;
// Both processes serve one issuer URL; the proofs name it, whichever process they reach.
const PUBLIC_URL = 'http://counter.branch.test';

describe.skipIf(postgresSkipReason !== undefined)('DPoP and signed metadata across two processes on PostgreSQL', () => {
  beforeAll(async () => {
    const databaseUrl = await freshDatabase('dpop');
    dataDir = newDataDir();
    const adminToken = 'dpop-multi-process-admin-token-0123456789';
    const args = ['--database-url', databaseUrl, '--public-url', PUBLIC_URL];
    [a, b] = await Promise.all([startCounter({ dataDir, adminToken, args }), startCounter({ dataDir, adminToken, args })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    removeDataDir(dataDir);
  });

  it('refuses at one process a proof the other has already accepted (jti replay)', async () => {
    const key = await generateDpopKey();
    const proof = await dpopProof(key, { htm: 'POST', htu: `${PUBLIC_URL}/v1/oauth/token` });
    const first = await tokenRequest(a, await createMdlOffer(a), { dpop: proof });
    expect(first).toMatchObject({ status: 200, body: { token_type: 'DPoP' } });
    const replay = await tokenRequest(b, await createMdlOffer(b), { dpop: proof });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
    expect(replay.body.error_description).toMatch(/replay/);
  });

  it('a token bound at one process is used at the other, with a nonce the first handed out', async () => {
    await setPolicy(a, { requireDpopNonce: true });
    try {
      const key = await generateDpopKey();
      const offer = await createMdlOffer(a);
      const asked = await tokenRequest(a, offer, { dpop: await dpopProof(key, { htm: 'POST', htu: `${PUBLIC_URL}/v1/oauth/token` }) });
      expect(asked.body.error).toBe('use_dpop_nonce');
      const serverNonce = asked.headers.get('dpop-nonce')!;
      // b hears of the policy change through the database and checks the nonce with the shared key.
      const token = await tokenRequest(b, offer, {
        dpop: await dpopProof(key, { htm: 'POST', htu: `${PUBLIC_URL}/v1/oauth/token`, nonce: serverNonce }),
      });
      expect(token).toMatchObject({ status: 200, body: { token_type: 'DPoP' } });
      const accessToken = token.body.access_token as string;
      const mdlId = await configurationId(a, 'org.iso.18013.5.1.mDL');
      const body = {
        credential_configuration_id: mdlId,
        proofs: { jwt: [await keyProof(await generateProofKey(), { audience: PUBLIC_URL, nonce: (await nonce(b)).cNonce })] },
      };
      const credentialProof = await dpopProof(key, {
        htm: 'POST',
        htu: `${PUBLIC_URL}/v1/openid/credential`,
        accessToken,
        nonce: token.headers.get('dpop-nonce')!,
      });
      expect((await credentialRequest(a, dpopAuthorization(accessToken), body, credentialProof)).status).toBe(200);
    } finally {
      await setPolicy(a, {});
    }
  });

  it('a metadata signing key made and certified at one process signs the metadata the other serves', async () => {
    const metadataAt = async (server: CounterServer) =>
      ((await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as { signed_metadata?: string }).signed_metadata;
    expect(await metadataAt(b)).toBeUndefined();
    const created = (await (await a.api('/v1/counter/metadata-signer', { method: 'POST', json: {} })).json()) as {
      pending: { csrPem: string };
    };
    const csr = new x509.Pkcs10CertificateRequest(created.pending.csrPem);
    const ca = await testMetadataCa();
    const leaf = await ca.issue(
      await csr.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']),
      'CN=Branch metadata signer',
    );
    expect((await a.api('/v1/counter/metadata-signer', { method: 'PUT', json: { certificatePem: leaf.toString('pem') } })).status).toBe(
      200,
    );
    // b hears of it on the change feed (LISTEN/NOTIFY) and opens the same key from the shared data dir.
    let jwt: string | undefined;
    for (let i = 0; i < 50 && !jwt; i++) {
      jwt = await metadataAt(b);
      if (!jwt) await new Promise((r) => setTimeout(r, 100));
    }
    expect(decodeProtectedHeader(jwt!).x5c).toEqual([Buffer.from(leaf.rawData).toString('base64')]);
    await expect(jwtVerify(jwt!, new X509Certificate(leaf.toString('pem')).publicKey, { subject: PUBLIC_URL })).resolves.toBeTruthy();
  });
});
