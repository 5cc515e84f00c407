import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  attestedWallet,
  certificateWalletProvider,
  jwkWalletProvider,
  keyAttestation,
  type WalletProvider,
} from '../../../../test/support/wallet-provider';
import { generateDpopKey } from '../../../../test/support/dpop-client';
import { AttestationError } from './anchored-jwt';
import { verifyClientAttestation, type ClientAttestationRequest } from './client-attestation';
import { verifyKeyAttestation } from './key-attestation';
import type { WalletProviderRecord } from '../store';
import { readAnchorMaterial, trustAnchors } from './wallet-providers';

const ISSUER = 'https://issuer.example';

async function anchorsFor(...providers: WalletProvider[]) {
  const records: WalletProviderRecord[] = [];
  for (const [i, p] of providers.entries()) {
    const material = await readAnchorMaterial(p.anchor, Date.now());
    if (typeof material === 'string') throw new Error(material);
    records.push({ id: `p${i}`, name: `provider ${i}`, ...material, createdAt: 0 });
  }
  return trustAnchors(records);
}

function request(overrides: Partial<ClientAttestationRequest> & { attestation: string }): ClientAttestationRequest {
  const seen = new Set<string>();
  return {
    issuer: ISSUER,
    now: Date.now(),
    firstSight: async (hash) => !seen.has(Buffer.from(hash).toString('hex')) && !!seen.add(Buffer.from(hash).toString('hex')),
    ...overrides,
  };
}

const rejection = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AttestationError);
  return (e as Error).message;
};

describe('wallet attestation (attestation-based client authentication)', () => {
  it('accepts an attestation chained to a trusted CA, with its PoP', async () => {
    const provider = await certificateWalletProvider();
    const wallet = await attestedWallet(provider);
    const attested = await verifyClientAttestation(
      request({ attestation: wallet.attestation, pop: await wallet.pop(ISSUER), clientId: wallet.clientId }),
      await anchorsFor(provider),
    );
    expect(attested).toMatchObject({ clientId: wallet.clientId, providerId: 'p0', walletName: 'Test Wallet' });
    expect(attested.instanceJkt).toBe(await calculateJwkThumbprint(wallet.publicJwk));
  });

  it('accepts a JWK provider, and DPoP combined mode instead of a PoP', async () => {
    const provider = await jwkWalletProvider();
    const dpopKey = await generateDpopKey();
    const wallet = await attestedWallet(provider, { instanceKey: { privateKey: dpopKey.privateKey, publicJwk: dpopKey.publicJwk } });
    const anchors = await anchorsFor(provider);
    await expect(
      verifyClientAttestation(request({ attestation: wallet.attestation, dpopJkt: dpopKey.jkt }), anchors),
    ).resolves.toMatchObject({
      clientId: wallet.clientId,
    });
    const otherKey = await generateDpopKey();
    expect(await rejection(verifyClientAttestation(request({ attestation: wallet.attestation, dpopJkt: otherKey.jkt }), anchors))).toMatch(
      /combined mode/,
    );
    expect(await rejection(verifyClientAttestation(request({ attestation: wallet.attestation }), anchors))).toMatch(/PoP/);
  });

  it('refuses an unknown provider, a self-signed signer, a wrong client_id, a foreign PoP, a replayed PoP', async () => {
    const trusted = await certificateWalletProvider();
    const stranger = await certificateWalletProvider();
    const anchors = await anchorsFor(trusted);
    const strangerWallet = await attestedWallet(stranger);
    expect(
      await rejection(
        verifyClientAttestation(request({ attestation: strangerWallet.attestation, pop: await strangerWallet.pop(ISSUER) }), anchors),
      ),
    ).toMatch(/does not lead to a wallet provider/);
    const selfSigned = await certificateWalletProvider({ selfSignedLeaf: true });
    const selfWallet = await attestedWallet(selfSigned);
    expect(
      await rejection(
        verifyClientAttestation(
          request({ attestation: selfWallet.attestation, pop: await selfWallet.pop(ISSUER) }),
          await anchorsFor(selfSigned),
        ),
      ),
    ).toMatch(/self-signed/);

    const wallet = await attestedWallet(trusted);
    expect(
      await rejection(
        verifyClientAttestation(
          request({ attestation: wallet.attestation, pop: await wallet.pop(ISSUER), clientId: 'someone-else' }),
          anchors,
        ),
      ),
    ).toMatch(/sub/);
    expect(
      await rejection(
        verifyClientAttestation(request({ attestation: wallet.attestation, pop: await wallet.pop('https://other.example') }), anchors),
      ),
    ).toMatch(/aud/);
    const otherInstance = await attestedWallet(trusted);
    expect(
      await rejection(verifyClientAttestation(request({ attestation: wallet.attestation, pop: await otherInstance.pop(ISSUER) }), anchors)),
    ).toMatch(/cnf/);
    const once = request({ attestation: wallet.attestation, pop: await wallet.pop(ISSUER, { jti: 'same' }) });
    await verifyClientAttestation(once, anchors);
    expect(await rejection(verifyClientAttestation(once, anchors))).toMatch(/replay/);
  });

  it('refuses an expired attestation', async () => {
    const provider = await jwkWalletProvider();
    const wallet = await attestedWallet(provider, { expiresInSeconds: -120 });
    expect(
      await rejection(
        verifyClientAttestation(request({ attestation: wallet.attestation, pop: await wallet.pop(ISSUER) }), await anchorsFor(provider)),
      ),
    ).toMatch(/expired/);
  });
});

describe('key attestation (OID4VCI 1.0 Appendix D)', () => {
  it('gives the attested keys, the nonce and the provider', async () => {
    const provider = await certificateWalletProvider();
    const keys = [await generateDpopKey(), await generateDpopKey()];
    const jwt = await keyAttestation(
      provider,
      keys.map((k) => k.publicJwk),
      { nonce: 'n-1' },
    );
    const result = await verifyKeyAttestation(jwt, await anchorsFor(provider), { now: Date.now(), withJwtProof: true });
    expect(result.keys.map((k) => k.thumbprint)).toEqual(keys.map((k) => k.jkt));
    expect(result).toMatchObject({ nonce: 'n-1', providerId: 'p0', keyStorage: ['iso_18045_moderate'] });
  });

  it('refuses an untrusted signer, no exp with a jwt proof, a non-P-256 key', async () => {
    const provider = await jwkWalletProvider();
    const anchors = await anchorsFor(provider);
    const key = await generateDpopKey();
    const other = await jwkWalletProvider();
    expect(
      await rejection(
        verifyKeyAttestation(await keyAttestation(other, [key.publicJwk]), anchors, { now: Date.now(), withJwtProof: false }),
      ),
    ).toMatch(/signature|trust/);
    const noExp = await keyAttestation(provider, [key.publicJwk], { claims: { exp: undefined } });
    expect(await rejection(verifyKeyAttestation(noExp, anchors, { now: Date.now(), withJwtProof: true }))).toMatch(/exp/);
    await expect(verifyKeyAttestation(noExp, anchors, { now: Date.now(), withJwtProof: false })).resolves.toBeTruthy();
    const rsaLike = await keyAttestation(provider, [{ kty: 'EC', crv: 'P-384', x: 'a', y: 'b' }]);
    expect(await rejection(verifyKeyAttestation(rsaLike, anchors, { now: Date.now(), withJwtProof: false }))).toMatch(/P-256/);
  });

  it('reads admin input: refuses a private JWK and junk PEM', async () => {
    expect(await readAnchorMaterial({ certificatePem: 'nope' }, Date.now())).toMatch(/PEM/);
    const key = await generateDpopKey();
    expect(await readAnchorMaterial({ jwk: { ...key.publicJwk, d: 'x' } }, Date.now())).toMatch(/private/);
    expect(await readAnchorMaterial({ jwk: key.publicJwk }, Date.now())).toMatchObject({ kind: 'jwk', fingerprint: key.jkt });
  });
});
