import { systemRandom } from '../util/secrets';
import { Verifier, parse } from '@auth0/mdl';
import { cborDecode as mdlDecode, cborEncode as mdlEncode } from '@auth0/mdl/lib/cbor/index.js';
import { Decoder, Tag } from 'cbor-x';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuerKeys } from '../../../../test/support/engine-mdoc-fixtures';
import type { DeviceKeyJwk } from './device-key';
import { FullDate } from './full-date';
import { issueMdoc } from './issue-mdoc';
import { MDL_DOCTYPE, MDL_NAMESPACE, newDeviceKey, sampleMdl, temporaryIssuerKeys } from '../../../../test/support/engine-mdoc-fixtures';

// A plain cbor-x decoder with no extensions: tags come back as Tag objects, as any reader sees them.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const decode = (bytes: Uint8Array) => decoder.decode(bytes) as unknown;
const asMap = (value: unknown) => value as Map<unknown, unknown>;

const NOW = new Date();
const SIGNED = new Date(Math.floor(NOW.getTime() / 1000) * 1000);
let keys: IssuerKeys;
let deviceKey: DeviceKeyJwk;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ keys, cleanup } = await temporaryIssuerKeys(new Date(NOW.getTime() - 86_400_000)));
  deviceKey = await newDeviceKey();
});
afterAll(() => cleanup());

function items(issuerSigned: Uint8Array, nameSpace = MDL_NAMESPACE) {
  const tagged = asMap(asMap(decode(issuerSigned)).get('nameSpaces')).get(nameSpace) as Tag[];
  return tagged.map((tag) => ({ tag, item: asMap(decode(tag.value as Uint8Array)) }));
}
const element = (issuerSigned: Uint8Array, id: string) => items(issuerSigned).find(({ item }) => item.get('elementIdentifier') === id)!;

describe('issueMdoc', () => {
  it('returns IssuerSigned {nameSpaces, issuerAuth} with tag-24 items and salts of at least 16 bytes', async () => {
    const out = await issueMdoc(sampleMdl(deviceKey, SIGNED), keys.documentSigner, systemRandom);
    const top = asMap(decode(out));
    expect([...top.keys()]).toEqual(['nameSpaces', 'issuerAuth']);
    const all = items(out);
    expect(all).toHaveLength(12);
    const salts = new Set<string>();
    for (const [index, { tag, item }] of all.entries()) {
      expect(tag).toBeInstanceOf(Tag);
      expect(tag.tag).toBe(24);
      expect([...item.keys()]).toEqual(['digestID', 'elementIdentifier', 'elementValue', 'random']);
      expect(item.get('digestID')).toBe(index);
      const salt = item.get('random') as Uint8Array;
      expect(salt).toBeInstanceOf(Uint8Array);
      expect(salt.length).toBeGreaterThanOrEqual(16);
      salts.add(Buffer.from(salt).toString('hex'));
    }
    expect(salts.size).toBe(12);
  });

  it('encodes full-dates as tag 1004 "YYYY-MM-DD", also nested, and bytes as bstr', async () => {
    const out = await issueMdoc(sampleMdl(deviceKey, SIGNED), keys.documentSigner, systemRandom);
    const birthDate = element(out, 'birth_date').item.get('elementValue') as Tag;
    expect(birthDate).toBeInstanceOf(Tag);
    expect(birthDate.tag).toBe(1004);
    expect(birthDate.value).toBe('1990-05-17');
    // d9 03ec = tag 1004, 6a = text(10)
    expect(Buffer.from(element(out, 'birth_date').tag.value as Uint8Array).toString('hex')).toContain(
      `d903ec6a${Buffer.from('1990-05-17').toString('hex')}`,
    );

    const [privilege] = element(out, 'driving_privileges').item.get('elementValue') as Map<string, unknown>[];
    expect((privilege!.get('issue_date') as Tag).tag).toBe(1004);
    expect((privilege!.get('issue_date') as Tag).value).toBe('2020-01-01');
    expect(privilege!.get('codes')).toEqual([new Map([['code', '01']])]);

    const portrait = element(out, 'portrait').item.get('elementValue');
    expect(portrait).toBeInstanceOf(Uint8Array);
    expect((portrait as Uint8Array).length).toBe(2048);
    expect(element(out, 'age_over_18').item.get('elementValue')).toBe(true);
  });

  it('encodes Date values as tag 0 tdate without fractional seconds', async () => {
    const mdoc = sampleMdl(deviceKey, SIGNED);
    mdoc.nameSpaces['org.example.1'] = { seen_at: new Date('2026-02-03T04:05:06.789Z') };
    const out = await issueMdoc(mdoc, keys.documentSigner, systemRandom);
    const raw = Buffer.from(items(out, 'org.example.1')[0]!.tag.value as Uint8Array).toString('hex');
    expect(raw).toContain(`c074${Buffer.from('2026-02-03T04:05:06Z').toString('hex')}`); // c0 = tag 0, 74 = text(20)
  });

  it('signs with ES256 (-7) in the protected header and puts the DS certificate in x5chain', async () => {
    const out = await issueMdoc(sampleMdl(deviceKey, SIGNED), keys.documentSigner, systemRandom);
    const [protectedBytes, unprotected, payload, signature] = asMap(decode(out)).get('issuerAuth') as [
      Uint8Array,
      Map<number, unknown>,
      Uint8Array,
      Uint8Array,
    ];
    expect(decode(protectedBytes)).toEqual(new Map([[1, -7]]));
    expect([...unprotected.keys()]).toEqual([33]); // x5chain only, no kid
    expect(Buffer.from(unprotected.get(33) as Uint8Array).equals(Buffer.from(keys.documentSigner.certificateDer))).toBe(true);
    expect(signature).toHaveLength(64);

    const msoBytes = decode(payload) as Tag;
    expect(msoBytes.tag).toBe(24);
    const mso = asMap(decode(msoBytes.value as Uint8Array));
    expect(mso.get('version')).toBe('1.0');
    expect(mso.get('digestAlgorithm')).toBe('SHA-256');
    expect(mso.get('docType')).toBe(MDL_DOCTYPE);
  });

  it('puts SHA-256 digests of each IssuerSignedItemBytes into the MSO', async () => {
    const out = await issueMdoc(sampleMdl(deviceKey, SIGNED), keys.documentSigner, systemRandom);
    const [, , payload] = asMap(decode(out)).get('issuerAuth') as Uint8Array[];
    const mso = asMap(decode((decode(payload!) as Tag).value as Uint8Array));
    const digests = asMap(asMap(mso.get('valueDigests')).get(MDL_NAMESPACE));
    const tagged = asMap(asMap(mdlDecode(out)).get('nameSpaces')).get(MDL_NAMESPACE) as unknown[];
    expect(digests.size).toBe(tagged.length);
    for (const [digestId, item] of tagged.entries()) {
      const expected = createHash('sha256').update(mdlEncode(item)).digest();
      expect(Buffer.from(digests.get(digestId) as Uint8Array).equals(expected)).toBe(true);
    }
  });

  it('puts exactly the device key, as a COSE_Key, and the validity in whole seconds into the MSO', async () => {
    const withExtras = { ...deviceKey, key_ops: ['verify'], ext: true } as DeviceKeyJwk;
    const signed = new Date(SIGNED.getTime() + 999);
    const out = await issueMdoc(sampleMdl(withExtras, signed), keys.documentSigner, systemRandom);
    const [, , payload] = asMap(decode(out)).get('issuerAuth') as Uint8Array[];
    const mso = asMap(decode((decode(payload!) as Tag).value as Uint8Array));
    expect(asMap(mso.get('deviceKeyInfo')).get('deviceKey')).toEqual(
      new Map<number, unknown>([
        [1, 2],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(deviceKey.x, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(deviceKey.y, 'base64url'))],
      ]),
    );
    const validity = asMap(mso.get('validityInfo'));
    expect([...validity.keys()]).toEqual(['signed', 'validFrom', 'validUntil']);
    expect(validity.get('signed')).toEqual(SIGNED); // tag 0, the .999 cut off
    expect(validity.get('validFrom')).toEqual(SIGNED);
  });

  it('is accepted by @auth0/mdl’s own verifier', async () => {
    const out = await issueMdoc(sampleMdl(deviceKey, SIGNED), keys.documentSigner, systemRandom);
    const deviceResponse = mdlEncode(
      new Map<string, unknown>([
        ['version', '1.0'],
        [
          'documents',
          [
            new Map<string, unknown>([
              ['docType', MDL_DOCTYPE],
              ['issuerSigned', mdlDecode(out)],
            ]),
          ],
        ],
        ['status', 0],
      ]),
    );
    const [document] = parse(deviceResponse).documents;
    const verifier = new Verifier([keys.iaca.certificatePem]) as unknown as {
      verifyIssuerSignature(
        issuerAuth: unknown,
        disableChain: boolean,
        onCheck: (check: { status: string; check: string }) => void,
      ): Promise<void>;
      verifyData(document: unknown, onCheck: (check: { status: string; check: string }) => void): Promise<void>;
    };
    const checks: { status: string; check: string }[] = [];
    await verifier.verifyIssuerSignature(document!.issuerSigned.issuerAuth, false, (check) => checks.push(check));
    await verifier.verifyData(document, (check) => checks.push(check));
    expect(checks.length).toBeGreaterThan(12);
    expect(checks.filter((check) => check.status !== 'PASSED')).toEqual([]);
    expect(document!.getIssuerNameSpace(MDL_NAMESPACE).birth_date.toISOString()).toBe('1990-05-17');
  });

  it('does not touch the caller’s values', async () => {
    const mdoc = sampleMdl(deviceKey, SIGNED);
    const privileges = mdoc.nameSpaces[MDL_NAMESPACE]!.driving_privileges as { issue_date: unknown }[];
    await issueMdoc(mdoc, keys.documentSigner, systemRandom);
    expect(privileges[0]!.issue_date).toBeInstanceOf(FullDate);
  });

  it('refuses validity that breaks ISO 18013-5 §9.1.2.4 or leaves the DS certificate', async () => {
    const issue = (validity: Partial<{ signed: Date; validFrom: Date; validUntil: Date }>) =>
      issueMdoc(
        { ...sampleMdl(deviceKey, SIGNED), validity: { ...sampleMdl(deviceKey, SIGNED).validity, ...validity } },
        keys.documentSigner,
        systemRandom,
      );
    await expect(issue({ validFrom: new Date(SIGNED.getTime() - 1000) })).rejects.toThrow(/signed .* is after validFrom/);
    await expect(issue({ validUntil: SIGNED })).rejects.toThrow(/validFrom .* is not before validUntil/);
    await expect(issue({ validUntil: new Date(SIGNED.getTime() + 500) })).rejects.toThrow(/not before validUntil/); // equal once truncated
    await expect(issue({ validUntil: new Date(keys.documentSigner.notAfter.getTime() + 1000) })).rejects.toThrow(
      /after the Document Signer certificate's notAfter/,
    );
    const early = new Date(keys.documentSigner.notBefore.getTime() - 1000);
    await expect(issue({ signed: early, validFrom: early })).rejects.toThrow(/before the Document Signer certificate's notBefore/);
    await expect(issue({ signed: new Date(Number.NaN) })).rejects.toThrow(/validityInfo.signed is not a valid Date/);
  });

  it('refuses values and keys it cannot encode faithfully', async () => {
    const withValue = (value: unknown) => {
      const mdoc = sampleMdl(deviceKey, SIGNED);
      mdoc.nameSpaces[MDL_NAMESPACE]!.extra = value;
      return issueMdoc(mdoc, keys.documentSigner, systemRandom);
    };
    await expect(withValue(undefined)).rejects.toThrow(/org\.iso\.18013\.5\.1\/extra: unsupported element value \(undefined\)/);
    await expect(withValue(Number.NaN)).rejects.toThrow(/extra: NaN cannot be an element value/);
    await expect(withValue(new Date('nope'))).rejects.toThrow(/extra: invalid Date/);
    await expect(withValue([{ when: new Map() }])).rejects.toThrow(/extra\[0\]\.when: unsupported element value \(Map\)/);
    await expect(issueMdoc({ ...sampleMdl(deviceKey, SIGNED), nameSpaces: {} }, keys.documentSigner, systemRandom)).rejects.toThrow(
      /at least one namespace/,
    );
    await expect(issueMdoc({ ...sampleMdl(deviceKey, SIGNED), nameSpaces: { a: {} } }, keys.documentSigner, systemRandom)).rejects.toThrow(
      /namespace a has no elements/,
    );
    await expect(issueMdoc({ ...sampleMdl(deviceKey, SIGNED), docType: '' }, keys.documentSigner, systemRandom)).rejects.toThrow(/docType/);
    await expect(
      issueMdoc(sampleMdl({ ...deviceKey, crv: 'P-384' as 'P-256' }, SIGNED), keys.documentSigner, systemRandom),
    ).rejects.toThrow(/EC P-256/);
    await expect(issueMdoc(sampleMdl({ ...deviceKey, x: 'AAAA' }, SIGNED), keys.documentSigner, systemRandom)).rejects.toThrow(
      /x must be 32 bytes/,
    );
  });
});
