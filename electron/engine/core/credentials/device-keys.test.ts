import { describe, expect, it } from 'vitest';
import { generateProofKey, keyProof } from '../../../../test/support/key-proofs';
import { certificateWalletProvider, keyAttestation } from '../../../../test/support/wallet-provider';
import { OAuthError } from '../errors/oauth-error';
import { readAnchorMaterial, trustAnchors } from '../wallets/wallet-providers';
import { parseCredentialRequest } from './credential-request';
import { deviceKeysFromProofs, type ProofRules } from './device-keys';

const AUD = 'https://issuer.example';
const rules = (overrides: Partial<ProofRules> = {}): ProofRules => ({
  audience: AUD,
  now: Date.now(),
  maxAgeSeconds: 300,
  maxKeys: 10,
  anchors: [],
  ...overrides,
});
const proofsOf = (body: unknown) => parseCredentialRequest({ credential_configuration_id: 'x', ...(body as object) }).proofs;

async function oauthError(p: Promise<unknown>): Promise<OAuthError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(OAuthError);
  return e as OAuthError;
}

async function provider() {
  const p = await certificateWalletProvider();
  const material = await readAnchorMaterial(p.anchor, Date.now());
  if (typeof material === 'string') throw new Error(material);
  return { p, anchors: trustAnchors([{ id: 'wp', name: 'WP', ...material, createdAt: 0 }]) };
}

describe('device keys from proofs (OID4VCI 1.0 §8.2, Appendix F)', () => {
  it('one key per jwt proof, up to batch_size; each nonce once', async () => {
    const keys = await Promise.all([1, 2, 3].map(() => generateProofKey()));
    const jwts = await Promise.all(keys.map((k) => keyProof(k, { audience: AUD, nonce: 'n1' })));
    const result = await deviceKeysFromProofs(proofsOf({ proofs: { jwt: jwts } }), rules());
    expect(result.keys.map((k) => k.thumbprint)).toEqual(keys.map((k) => k.jkt));
    expect(result.keys.every((k) => !k.attested)).toBe(true);
    expect(result.nonces).toEqual(['n1']);
    expect((await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: jwts } }), rules({ maxKeys: 2 })))).error).toBe(
      'invalid_proof',
    );
    expect((await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: jwts } }), rules({ maxKeys: 1 })))).description).toMatch(
      /batch/,
    );
  });

  it('refuses two proofs of the same key, a bad proof among good ones, mixed or unknown proof types', async () => {
    const key = await generateProofKey();
    const same = [await keyProof(key, { audience: AUD, nonce: 'n' }), await keyProof(key, { audience: AUD, nonce: 'n' })];
    expect((await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: same } }), rules()))).description).toMatch(/different key/);
    const bad = [
      await keyProof(key, { audience: AUD, nonce: 'n' }),
      await keyProof(await generateProofKey(), { audience: 'https://elsewhere', nonce: 'n' }),
    ];
    expect((await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: bad } }), rules()))).error).toBe('invalid_proof');
    expect(() => proofsOf({ proofs: { jwt: same, attestation: ['x'] } })).toThrow(/exactly one proof type/);
    expect(() => proofsOf({ proofs: { di_vp: [{}] } })).toThrow(/not supported/);
    expect(() => proofsOf({ proofs: { jwt: Array(101).fill('x') } })).toThrow(OAuthError);
  });

  it('a key attestation in a proof vouches for all its keys; one in an attestation proof, too', async () => {
    const { p, anchors } = await provider();
    const keys = await Promise.all([1, 2, 3].map(() => generateProofKey()));
    const attestation = await keyAttestation(
      p,
      keys.map((k) => k.publicJwk),
      { nonce: 'n2' },
    );
    const one = await keyProof(keys[0]!, { audience: AUD, nonce: 'n2', keyAttestation: attestation });
    const result = await deviceKeysFromProofs(proofsOf({ proofs: { jwt: [one] } }), rules({ anchors, keyAttestationsRequired: {} }));
    expect(result.keys.map((k) => [k.thumbprint, k.attested])).toEqual(keys.map((k) => [k.jkt, true]));
    const alone = await deviceKeysFromProofs(proofsOf({ proofs: { attestation: [attestation] } }), rules({ anchors }));
    expect(alone.keys).toHaveLength(3);
    expect(alone.nonces).toEqual(['n2']);
    // A proof signed by a key the attestation does not list.
    const outsider = await keyProof(await generateProofKey(), { audience: AUD, nonce: 'n2', keyAttestation: attestation });
    expect((await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: [outsider] } }), rules({ anchors })))).description).toMatch(
      /key_attestation/,
    );
  });

  it('key attestation required: refused without one or with an untrusted one; optional: the key is just not attested', async () => {
    const { anchors } = await provider();
    const stranger = await certificateWalletProvider();
    const key = await generateProofKey();
    const untrusted = await keyProof(key, { audience: AUD, nonce: 'n', keyAttestation: await keyAttestation(stranger, [key.publicJwk]) });
    expect(
      (await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: [untrusted] } }), rules({ anchors, keyAttestationsRequired: {} }))))
        .error,
    ).toBe('invalid_proof');
    const plain = await keyProof(key, { audience: AUD, nonce: 'n' });
    expect(
      (await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: [plain] } }), rules({ anchors, keyAttestationsRequired: {} }))))
        .description,
    ).toMatch(/requires a key attestation/);
    const optional = await deviceKeysFromProofs(proofsOf({ proofs: { jwt: [untrusted] } }), rules({ anchors }));
    expect(optional.keys).toEqual([expect.objectContaining({ thumbprint: key.jkt, attested: false })]);
  });

  it('key_attestations_required with key_storage: the attestation must assert an accepted value', async () => {
    const { p, anchors } = await provider();
    const key = await generateProofKey();
    const jwt = await keyProof(key, { audience: AUD, nonce: 'n', keyAttestation: await keyAttestation(p, [key.publicJwk]) });
    const high = rules({ anchors, keyAttestationsRequired: { keyStorage: ['iso_18045_high'] } });
    expect((await oauthError(deviceKeysFromProofs(proofsOf({ proofs: { jwt: [jwt] } }), high))).description).toMatch(/key_storage/);
    const moderate = rules({ anchors, keyAttestationsRequired: { keyStorage: ['iso_18045_high', 'iso_18045_moderate'] } });
    await expect(deviceKeysFromProofs(proofsOf({ proofs: { jwt: [jwt] } }), moderate)).resolves.toMatchObject({
      keys: [{ attested: true }],
    });
  });
});

describe('parseCredentialRequest proof types (OID4VCI 1.0 §8.2, Appendix F)', () => {
  const body = (proofs: unknown) => ({ credential_configuration_id: 'x', proofs });
  it('takes the attestation proof type only while it is offered, and one proof type at a time', () => {
    expect(parseCredentialRequest(body({ attestation: ['a.b.c'] })).proofs).toEqual({ type: 'attestation', jwt: 'a.b.c' });
    expect(() => parseCredentialRequest(body({ attestation: ['a.b.c'] }), ['jwt'])).toThrow(/attestation is not supported; use jwt/);
    expect(() => parseCredentialRequest(body({ jwt: ['a.b.c'], attestation: ['a.b.c'] }))).toThrow(/exactly one proof type/);
    expect(() => parseCredentialRequest(body({}), ['jwt'])).toThrow(/proofs\.jwt/);
  });
  it('refuses a proofs value of the wrong form as a bad request, and too many proofs as a bad proof', () => {
    expect(() => parseCredentialRequest(body({ jwt: 'one' }))).toThrow(expect.objectContaining({ error: 'invalid_credential_request' }));
    expect(() => parseCredentialRequest(body({ jwt: Array.from({ length: 101 }, () => 'a.b.c') }))).toThrow(
      expect.objectContaining({ error: 'invalid_proof' }),
    );
  });
});
