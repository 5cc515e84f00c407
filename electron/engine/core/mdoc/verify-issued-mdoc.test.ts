import { systemRandom } from '../util/secrets';
import { DataItem, cborDecode, cborEncode } from '@auth0/mdl/lib/cbor/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuerKeys } from '../../../../test/support/engine-mdoc-fixtures';
import type { DeviceKeyJwk } from './device-key';
import { issueMdoc } from './issue-mdoc';
import { trustedSigner } from './issuer-chain';
import { MDL_DOCTYPE, MDL_NAMESPACE, newDeviceKey, sampleMdl, temporaryIssuerKeys } from '../../../../test/support/engine-mdoc-fixtures';
import { verifyIssuedMdoc, type IssuedMdocExpectations } from './verify-issued-mdoc';

const NOW = new Date('2026-03-01T10:00:00Z');
let keys: IssuerKeys;
let otherKeys: IssuerKeys;
let deviceKey: DeviceKeyJwk;
let issued: Uint8Array;
let expected: IssuedMdocExpectations;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const mine = await temporaryIssuerKeys(NOW);
  const other = await temporaryIssuerKeys(NOW);
  cleanups.push(mine.cleanup, other.cleanup);
  ({ keys } = mine);
  otherKeys = other.keys;
  deviceKey = await newDeviceKey();
  issued = await issueMdoc(sampleMdl(deviceKey, NOW), keys.documentSigner, systemRandom);
  expected = { docType: MDL_DOCTYPE, deviceKey, iacaCertificateDer: keys.iaca.certificateDer, now: NOW };
});
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

/** Decodes a copy with @auth0/mdl (byte strings are views into the input), lets `edit` change it, encodes again. */
function reencoded(edit: (issuerSigned: Map<string, unknown>) => void): Uint8Array {
  const issuerSigned = cborDecode(issued.slice()) as Map<string, unknown>;
  edit(issuerSigned);
  return new Uint8Array(cborEncode(issuerSigned));
}

describe('verifyIssuedMdoc', () => {
  it('accepts what issueMdoc produced, with a Date or a number for now', async () => {
    await expect(verifyIssuedMdoc(issued, expected)).resolves.toBeUndefined();
    await expect(verifyIssuedMdoc(issued, { ...expected, now: NOW.getTime() + 60_000 })).resolves.toBeUndefined();
    const mdoc = sampleMdl(deviceKey, NOW);
    mdoc.nameSpaces['org.example.1'] = { nested: { list: [1, 2.5, 'three', null, new Uint8Array(3)] }, at: new Date(NOW) };
    await expect(verifyIssuedMdoc(await issueMdoc(mdoc, keys.documentSigner, systemRandom), expected)).resolves.toBeUndefined();
  });

  it('rejects every single-byte change', async () => {
    let accepted = 0;
    for (let i = 0; i < issued.length; i += 1) {
      const tampered = issued.slice();
      tampered[i]! ^= 0x01;
      try {
        await verifyIssuedMdoc(tampered, expected);
        accepted += 1;
      } catch (error) {
        expect((error as Error).message).toMatch(/^issued mDoc failed its self-check: /);
      }
    }
    expect(accepted).toBe(0);
  });

  it('names what is wrong', async () => {
    const changedValue = reencoded((s) => {
      const items = (s.get('nameSpaces') as Map<string, DataItem<Map<string, unknown>>[]>).get(MDL_NAMESPACE)!;
      items[0] = DataItem.fromData(new Map(items[0]!.data).set('elementValue', 'Smith'));
    });
    await expect(verifyIssuedMdoc(changedValue, expected)).rejects.toThrow(
      /org\.iso\.18013\.5\.1\/family_name: value digest does not match the MSO/,
    );

    const shortSalt = reencoded((s) => {
      const items = (s.get('nameSpaces') as Map<string, DataItem<Map<string, unknown>>[]>).get(MDL_NAMESPACE)!;
      items[1] = DataItem.fromData(new Map(items[1]!.data).set('random', new Uint8Array(15)));
    });
    await expect(verifyIssuedMdoc(shortSalt, expected)).rejects.toThrow(/given_name: random salt is shorter than 16 bytes/);

    const withoutX5chain = reencoded((s) => (s.get('issuerAuth') as [unknown, Map<number, unknown>])[1].delete(33));
    await expect(verifyIssuedMdoc(withoutX5chain, expected)).rejects.toThrow(/x5chain certificate is not a byte string/);

    const badSignature = reencoded((s) => ((s.get('issuerAuth') as Uint8Array[])[3]![0]! ^= 1));
    await expect(verifyIssuedMdoc(badSignature, expected)).rejects.toThrow(/signature does not verify/);
  });

  it('rejects another device key', async () => {
    await expect(verifyIssuedMdoc(issued, { ...expected, deviceKey: await newDeviceKey() })).rejects.toThrow(
      /deviceKey parameter -2 differs/,
    );
  });

  it('rejects another IACA', async () => {
    await expect(verifyIssuedMdoc(issued, { ...expected, iacaCertificateDer: otherKeys.iaca.certificateDer })).rejects.toThrow(
      /not issued by this IACA/,
    );
    // a DS certificate is not a trust anchor
    await expect(verifyIssuedMdoc(issued, { ...expected, iacaCertificateDer: keys.documentSigner.certificateDer })).rejects.toThrow(
      /not a CA/,
    );
  });

  it('rejects a Document Signer from another IACA', async () => {
    const foreign = await issueMdoc(sampleMdl(deviceKey, NOW), otherKeys.documentSigner, systemRandom);
    await expect(verifyIssuedMdoc(foreign, expected)).rejects.toThrow(/not issued by this IACA/);
  });

  it('rejects another docType', async () => {
    await expect(verifyIssuedMdoc(issued, { ...expected, docType: 'org.iso.23220.photoid.1' })).rejects.toThrow(
      /MSO docType is org\.iso\.18013\.5\.1\.mDL, expected org\.iso\.23220\.photoid\.1/,
    );
  });

  it('rejects a credential signed in the future or already expired', async () => {
    await expect(verifyIssuedMdoc(issued, { ...expected, now: new Date(NOW.getTime() - 3_600_000) })).rejects.toThrow(
      /signed is in the future/,
    );
    await expect(verifyIssuedMdoc(issued, { ...expected, now: new Date(NOW.getTime() + 31 * 86_400_000) })).rejects.toThrow(
      /validUntil has already passed/,
    );
    await expect(verifyIssuedMdoc(issued, { ...expected, now: new Date(keys.documentSigner.notAfter.getTime() + 1000) })).rejects.toThrow(
      /Document Signer certificate is not valid now/,
    );
  });

  it('rejects input that is not an IssuerSigned', async () => {
    await expect(verifyIssuedMdoc(new Uint8Array([0xa0]), expected)).rejects.toThrow(/exactly nameSpaces and issuerAuth/);
    await expect(verifyIssuedMdoc(new Uint8Array([0xff]), expected)).rejects.toThrow(/IssuerSigned is not valid CBOR/);
    await expect(verifyIssuedMdoc(issued.subarray(0, issued.length - 1), expected)).rejects.toThrow(/not valid CBOR/);
  });

  it('checks the certificate chain once per Document Signer, not per credential', async () => {
    await verifyIssuedMdoc(issued, expected);
    // The memo hands back the very same checked signer for the same two certificates.
    const first = trustedSigner(keys.documentSigner.certificateDer, keys.iaca.certificateDer);
    expect(trustedSigner(new Uint8Array(keys.documentSigner.certificateDer), new Uint8Array(keys.iaca.certificateDer))).toBe(first);
  });
});
