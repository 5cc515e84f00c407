// Self-test of the independent verifier against mDocs made by @owf/mdoc's issuer side.
import { beforeAll, describe, expect, it } from 'vitest';
import { Encoder, Tag } from 'cbor-x';
import {
  DataItem,
  DateOnly,
  DeviceKey,
  DeviceKeyInfo,
  IssuerAuth,
  MobileSecurityObject,
  ValidityInfo,
  SignatureAlgorithm,
  ValueDigests,
  cborEncode,
} from '@owf/mdoc';
import { jwkToCoseKey, mdocContext } from './mdoc-context';
import { createTestPki, issueTestMdoc } from './mdoc-fixtures';
import type { TestPki } from './mdoc-fixtures';
import { MdocVerificationError, Tagged, verifyIssuerSigned } from './mdoc-verifier';

const DOCTYPE = 'org.iso.18013.5.1.mDL';
const NS = 'org.iso.18013.5.1';
const FAMILY = 'Zyxwvutsrq';

let pki: TestPki;
let otherPki: TestPki;
let deviceJwk: JsonWebKey;
let bytes: Uint8Array;

beforeAll(async () => {
  [pki, otherPki] = await Promise.all([createTestPki(), createTestPki()]);
  const kp = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', kp.publicKey);
  deviceJwk = { kty, crv, x, y };
  const issuerSigned = await issueTestMdoc({
    pki,
    docType: DOCTYPE,
    deviceJwk,
    namespaces: {
      [NS]: {
        family_name: FAMILY,
        given_name: 'Jane',
        birth_date: new DateOnly('1990-05-17'),
        age_over_18: true,
        issuing_country: 'US',
        driving_privileges: [{ vehicle_category_code: 'B', issue_date: new DateOnly('2020-01-02') }],
      },
    },
  });
  bytes = issuerSigned.encode();
});

const verify = (b: Uint8Array, over: Partial<Parameters<typeof verifyIssuerSigned>[1]> = {}) =>
  verifyIssuerSigned(b, { trustedIacaPems: [pki.iacaPem], docType: DOCTYPE, ...over });

describe('verifyIssuerSigned', () => {
  it('accepts a well-formed mDoc and returns claims, device key and DS certificate', async () => {
    const v = await verify(bytes);
    expect(v.docType).toBe(DOCTYPE);
    expect(v.claims[NS]).toEqual({
      family_name: FAMILY,
      given_name: 'Jane',
      birth_date: '1990-05-17',
      age_over_18: true,
      issuing_country: 'US',
      driving_privileges: [{ vehicle_category_code: 'B', issue_date: '2020-01-02' }],
    });
    expect(v.rawClaims[NS]!.birth_date).toBeInstanceOf(Tagged);
    expect(v.rawClaims[NS]!.birth_date).toMatchObject({ tag: 1004, value: '1990-05-17' });
    expect(v.rawClaims[NS]!.given_name).toBe('Jane');
    expect(v.deviceKeyJwk).toEqual(deviceJwk);
    expect(v.documentSignerCertificatePem).toBe(pki.dsPem);
    expect(v.validityInfo.validFrom.getTime()).toBeLessThanOrEqual(Date.now());
    expect(v.validityInfo.validUntil.getTime()).toBeGreaterThan(Date.now());
  });

  it('also accepts the IACA listed after other IACAs', async () => {
    await expect(verify(bytes, { trustedIacaPems: [otherPki.iacaPem, pki.iacaPem] })).resolves.toBeTruthy();
  });

  it('rejects a flipped byte in a claim value (digest)', async () => {
    const tampered = bytes.slice();
    const at = Buffer.from(tampered).indexOf(Buffer.from(FAMILY));
    expect(at).toBeGreaterThan(0);
    tampered[at] = tampered[at]! ^ 0x01; // 'Z' -> '['
    await expect(verify(tampered)).rejects.toThrow(/family_name: digest does not match/);
  });

  it('rejects an mDoc whose chain leads to an untrusted IACA', async () => {
    await expect(verify(bytes, { trustedIacaPems: [otherPki.iacaPem] })).rejects.toThrow(/does not chain to a trusted IACA/);
  });

  it('rejects with no trusted IACA at all', async () => {
    await expect(verify(bytes, { trustedIacaPems: [] })).rejects.toThrow(MdocVerificationError);
  });

  it('rejects the wrong docType', async () => {
    await expect(verify(bytes, { docType: 'org.example.other' })).rejects.toThrow(/docType/);
  });

  it('rejects outside validFrom..validUntil', async () => {
    await expect(verify(bytes, { now: new Date(Date.now() + 31 * 86_400_000) })).rejects.toThrow(/expired/);
    await expect(verify(bytes, { now: new Date(Date.now() - 3_600_000) })).rejects.toThrow(/not yet valid/);
  });

  it('rejects a tampered issuerAuth signature', async () => {
    const tampered = bytes.slice();
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 0xff; // last byte = end of the signature
    await expect(verify(tampered)).rejects.toThrow(/signature/);
  });

  it('rejects an expired DS certificate', async () => {
    const old = await createTestPki({ notBefore: new Date(Date.now() - 10 * 86_400_000), days: 5 });
    const signed = new Date(Date.now() - 9 * 86_400_000);
    const doc = await issueTestMdoc({
      pki: old,
      docType: DOCTYPE,
      deviceJwk,
      signed,
      validUntil: new Date(Date.now() + 86_400_000),
      namespaces: { [NS]: { given_name: 'A' } },
    });
    await expect(verify(doc.encode(), { trustedIacaPems: [old.iacaPem] })).rejects.toThrow(/not valid at/);
  });

  it('rejects a tag-1004 full-date that is not YYYY-MM-DD, and tells plain strings from tag 1004', async () => {
    const doc = await issueTestMdoc({
      pki,
      docType: DOCTYPE,
      deviceJwk,
      namespaces: { [NS]: { birth_date: new Tag('1990-05-17T00:00:00Z', 1004), expiry_date: '2030-01-01' } },
    });
    await expect(verify(doc.encode())).rejects.toThrow(/birth_date: tag-1004 full-date is not a 'YYYY-MM-DD' string/);
    const plain = await issueTestMdoc({ pki, docType: DOCTYPE, deviceJwk, namespaces: { [NS]: { expiry_date: '2030-01-01' } } });
    const v = await verify(plain.encode());
    expect(v.claims[NS]!.expiry_date).toBe('2030-01-01');
    expect(v.rawClaims[NS]!.expiry_date).toBe('2030-01-01'); // not Tagged: no tag 1004
  });

  it('accepts exact-byte digests but flags items @owf/mdoc cannot re-encode identically', async () => {
    // cbor-x without variableMapSize writes a map with a 16-bit length (b9 0004) instead of a4.
    const item = new Encoder({ useRecords: false, tagUint8Array: false }).encode({
      digestID: 7,
      random: new Uint8Array(16).fill(9),
      elementIdentifier: 'given_name',
      elementValue: 'Jane',
    });
    expect(item[0]).toBe(0xb9);
    const wrapped = DataItem.fromBuffer(new Uint8Array(item));
    const digest = await mdocContext.crypto.digest({ digestAlgorithm: 'SHA-256', bytes: cborEncode(wrapped) });
    const now = new Date();
    const mso = MobileSecurityObject.create({
      docType: DOCTYPE,
      digestAlgorithm: 'SHA-256',
      valueDigests: ValueDigests.create({ digests: new Map([[NS, new Map([[7, digest]])]]) }),
      validityInfo: ValidityInfo.create({ signed: now, validFrom: now, validUntil: new Date(now.getTime() + 86_400_000) }),
      deviceKeyInfo: DeviceKeyInfo.create({ deviceKey: DeviceKey.fromEncodedStructure(jwkToCoseKey(deviceJwk).encodedStructure) }),
    });
    const issuerAuth = await IssuerAuth.create(
      {
        payload: mso,
        protectedHeaders: new Map([[1, -7]]),
        unprotectedHeaders: new Map<number, unknown>([[33, pki.dsDer]]),
        signingKey: jwkToCoseKey(pki.dsPrivateJwk),
        algorithm: SignatureAlgorithm.ES256,
      },
      mdocContext,
    );
    const doc = cborEncode(
      new Map<string, unknown>([
        ['nameSpaces', new Map([[NS, [wrapped]]])],
        ['issuerAuth', issuerAuth.encodedStructure],
      ]),
    );
    const err = await verify(doc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MdocVerificationError);
    expect((err as MdocVerificationError).failures).toEqual([
      expect.stringMatching(/given_name .*wallets using @owf\/mdoc would reject it/),
    ]);
  });
});
