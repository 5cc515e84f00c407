// Reading a credential request (OID4VCI 1.0 §8.2 and the draft 13–15 shapes DESIGN §4 accepts):
// which credential, which proof, which answer shape; and every refusal in OAuth shape with its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { MDL_DOCTYPE, oauthError, PID_DOCTYPE, startInProcess, type InProcessCounter } from './support/in-process';
import { credentialRequest, freshNonce, newHolderKey, proofJwt, type HolderKey } from './support/proofs';

let counter: InProcessCounter;
let holder: HolderKey;
let mdl: string;
let iacaPems: string[];
/** One access token for the refusals: none of them uses up its credential. */
let refusedToken: string;
beforeAll(async () => {
  counter = await startInProcess();
  holder = await newHolderKey();
  mdl = counter.configurationId(MDL_DOCTYPE);
  iacaPems = ((await (await counter.request('/v1/mdoc/iacas')).json()) as { iacas: { certificatePem: string }[] }).iacas.map(
    (i) => i.certificatePem,
  );
  refusedToken = (await counter.accessToken(await counter.createOffer())).access_token;
});
afterAll(() => counter.close());

const proof = async () => proofJwt(counter, holder, { nonce: await freshNonce(counter) });
type Shape = 'proofs' | 'proof';
const proofPart = async (shape: Shape) =>
  shape === 'proofs' ? { proofs: { jwt: [await proof()] } } : { proof: { proof_type: 'jwt', jwt: await proof() } };

describe('credential request shapes', () => {
  it.each([
    ['OID4VCI 1.0: credential_configuration_id + proofs', 'id', 'proofs', false],
    ['credential_configuration_id + a singular proof (draft 15)', 'id', 'proof', true],
    ['format + doctype + proofs', 'doctype', 'proofs', true],
    ['format + doctype + a singular proof (drafts 13–14)', 'doctype', 'proof', true],
  ] as const)('accepts %s, and answers in the matching shape', async (_name, target, shape, legacy) => {
    const { access_token } = await counter.accessToken(await counter.createOffer());
    const body = {
      ...(target === 'id' ? { credential_configuration_id: mdl } : { format: 'mso_mdoc', doctype: MDL_DOCTYPE }),
      ...(await proofPart(shape)),
      // Fields the issuer does not know are ignored (OID4VCI 1.0 §8.2 leaves room for extensions).
      'x-wallet-extension': { anything: true },
    };
    const response = await credentialRequest(counter, access_token, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = (await response.json()) as {
      credentials: { credential: string }[];
      notification_id: string;
      credential?: string;
      format?: string;
    };
    expect(answer.credentials).toHaveLength(1);
    expect(answer.notification_id).toEqual(expect.any(String));
    if (legacy) expect(answer).toMatchObject({ credential: answer.credentials[0]!.credential, format: 'mso_mdoc' });
    else {
      expect(answer.credential).toBeUndefined();
      expect(answer.format).toBeUndefined();
    }
    const verified = await verifyIssuerSigned(Buffer.from(answer.credentials[0]!.credential, 'base64url'), {
      trustedIacaPems: iacaPems,
      docType: MDL_DOCTYPE,
      now: new Date(counter.now()),
    });
    expect(verified.deviceKeyJwk).toMatchObject({ x: holder.publicJwk.x, y: holder.publicJwk.y });
  });
});

describe('credential request refusals', () => {
  const refused = async (body: unknown) => oauthError(await credentialRequest(counter, refusedToken, body));

  it('names an unknown configuration, format or doctype unknown_credential_configuration', async () => {
    const jwt = await proof();
    for (const body of [
      { credential_configuration_id: 'no-such-configuration', proofs: { jwt: [jwt] } },
      { format: 'jwt_vc_json', proofs: { jwt: [jwt] } },
      { format: 'vc+sd-jwt', doctype: MDL_DOCTYPE, proofs: { jwt: [jwt] } },
      { format: 'mso_mdoc', doctype: 'org.example.unknown', proofs: { jwt: [jwt] } },
    ]) {
      expect(await refused(body), JSON.stringify(body).slice(0, 80)).toMatchObject({
        status: 400,
        error: 'unknown_credential_configuration',
        cache: 'no-store',
      });
    }
  });

  it('refuses a configuration this token was not offered, by id or by doctype, as invalid_credential_request', async () => {
    const jwt = await proof();
    for (const body of [
      { credential_configuration_id: counter.configurationId(PID_DOCTYPE), proofs: { jwt: [jwt] } },
      { format: 'mso_mdoc', doctype: PID_DOCTYPE, proofs: { jwt: [jwt] } },
    ]) {
      expect(await refused(body), JSON.stringify(body).slice(0, 80)).toMatchObject({
        status: 400,
        error: 'invalid_credential_request',
        error_description: expect.stringMatching(/not offered/),
      });
    }
  });

  it('refuses requests that name no credential, or name it wrongly', async () => {
    const jwt = await proof();
    const cases: [unknown, string, RegExp][] = [
      [{ proofs: { jwt: [jwt] } }, 'invalid_credential_request', /credential_configuration_id is required/],
      [{ format: 'mso_mdoc', proofs: { jwt: [jwt] } }, 'invalid_credential_request', /doctype is required/],
      [{ credential_configuration_id: '', proofs: { jwt: [jwt] } }, 'invalid_credential_request', /credential_configuration_id/],
      [{ credential_configuration_id: 42, proofs: { jwt: [jwt] } }, 'invalid_credential_request', /credential_configuration_id/],
      [
        { credential_configuration_id: 'x'.repeat(257), proofs: { jwt: [jwt] } },
        'invalid_credential_request',
        /credential_configuration_id/,
      ],
      [{ credential_configuration_id: [mdl], proofs: { jwt: [jwt] } }, 'invalid_credential_request', /credential_configuration_id/],
      [{ credential_identifier: 'mdl-1', proofs: { jwt: [jwt] } }, 'unknown_credential_identifier', /credential_configuration_id/],
      [
        { credential_configuration_id: mdl, proofs: { jwt: [jwt] }, credential_response_encryption: { alg: 'ECDH-ES' } },
        'invalid_credential_request',
        /encryption/,
      ],
    ];
    for (const [body, error, description] of cases) {
      expect(await refused(body), JSON.stringify(body).slice(0, 80)).toMatchObject({
        status: 400,
        error,
        error_description: expect.stringMatching(description),
      });
    }
  });

  it('refuses missing, empty, mixed and unsupported proofs as invalid_proof', async () => {
    const jwt = await proof();
    const cases: [unknown, RegExp][] = [
      [{ credential_configuration_id: mdl }, /proof of possession/],
      [{ credential_configuration_id: mdl, proofs: {} }, /proofs.jwt/],
      [{ credential_configuration_id: mdl, proofs: { jwt: [] } }, /proofs.jwt/],
      [{ credential_configuration_id: mdl, proofs: { ldp_vp: [{}] } }, /ldp_vp is not supported/],
      [{ credential_configuration_id: mdl, proofs: { jwt: [jwt], attestation: ['x'] } }, /attestation is not supported/],
      [{ credential_configuration_id: mdl, proof: { proof_type: 'cwt', cwt: 'x' } }, /cwt is not supported/],
      [{ credential_configuration_id: mdl, proof: { proof_type: 'jwt' } }, /proof.jwt is required/],
      [{ credential_configuration_id: mdl, proofs: { jwt: [''] } }, /not a JWT/],
    ];
    for (const [body, description] of cases) {
      expect(await refused(body), JSON.stringify(body).slice(0, 80)).toMatchObject({
        status: 400,
        error: 'invalid_proof',
        error_description: expect.stringMatching(description),
      });
    }
    expect(await refused({ credential_configuration_id: mdl, proof: { proof_type: 'jwt', jwt }, proofs: { jwt: [jwt] } })).toMatchObject({
      status: 400,
      error: 'invalid_credential_request',
      error_description: expect.stringMatching(/either proof or proofs/),
    });
  });

  it('refuses bodies of the wrong type or form in OAuth shape, never a 500', async () => {
    for (const body of [
      'null',
      '[]',
      '"a string"',
      '42',
      'true',
      JSON.stringify({ proofs: { jwt: 'not-an-array' } }),
      JSON.stringify({ proof: 'jwt' }),
    ]) {
      expect(await oauthError(await credentialRequest(counter, refusedToken, body)), body).toMatchObject({
        status: 400,
        error: 'invalid_credential_request',
      });
    }
    for (const body of ['', '{', '{"credential_configuration_id":', '\u0000']) {
      expect(await oauthError(await credentialRequest(counter, refusedToken, body)), body).toMatchObject({
        status: 400,
        error: 'invalid_request',
      });
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      expect(await oauthError(await credentialRequest(counter, refusedToken, '{}', type)), type).toMatchObject({
        status: 415,
        error: 'invalid_request',
      });
    }
  });

  it('checks the access token first: without one, nothing about the body is told', async () => {
    for (const authorization of [
      undefined,
      'Bearer',
      'Bearer ',
      'Basic abc',
      `bearer ${refusedToken}`,
      `Bearer ${refusedToken} x`,
      'Bearer not-a-token',
    ]) {
      const response = await counter.request('/v1/openid/credential', {
        method: 'POST',
        headers: { ...(authorization !== undefined ? { authorization } : {}), 'content-type': 'application/json' },
        body: '{"credential_identifier":"x"}',
      });
      expect(response.headers.get('www-authenticate'), String(authorization)).toMatch(/^Bearer error="invalid_token"/);
      expect(await oauthError(response)).toMatchObject({ status: 401, error: 'invalid_token' });
    }
  });

  it('left the refusals’ token its credential', async () => {
    const response = await credentialRequest(counter, refusedToken, { credential_configuration_id: mdl, proofs: { jwt: [await proof()] } });
    expect(response.status).toBe(200);
  });
});
