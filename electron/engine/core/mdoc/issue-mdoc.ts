import { DataItem, cborEncode } from '@auth0/mdl/lib/cbor/index.js';
import { createHash } from 'node:crypto';
import type { MdocSigner } from '../signing/es256-signer';
import type { RandomSource } from '../util/secrets';
import { sigStructure } from './cose-sign1';
import { deviceCoseKey, type DeviceKeyJwk } from './device-key';
import { toElementValue } from './element-value';
import { checkedValidityInfo } from './validity-info';

export type { DeviceKeyJwk } from './device-key';

export interface MdocToIssue {
  docType: string;
  /** Values: string | number | boolean | FullDate | Date | Uint8Array | arrays | plain objects. */
  nameSpaces: Record<string, Record<string, unknown>>;
  deviceKey: DeviceKeyJwk;
  validity: { signed: Date; validFrom: Date; validUntil: Date };
  /** ISO 18013-5 2nd ed. §12.3.6 (IETF Token Status List §6.3): the credential's status list entry. */
  status?: { idx: number; uri: string };
}

const SALT_BYTES = 32; // ISO 18013-5 §9.1.2.5: at least 16
const HEADER_ALG = 1; // RFC 9052 §3.1
const HEADER_X5CHAIN = 33; // RFC 9360 §2
const ALG_ES256 = -7; // RFC 9053 §2.1
const PROTECTED_HEADER = new Uint8Array(cborEncode(new Map([[HEADER_ALG, ALG_ES256]])));

/**
 * Builds and signs an ISO 18013-5 IssuerSigned (§8.3.2.1.2.2, §9.1.2.4, DESIGN §5) and returns its
 * CBOR: `{nameSpaces: {ns: [#6.24(IssuerSignedItem)…]}, issuerAuth: COSE_Sign1}` with 32-byte random
 * salts, SHA-256 value digests, alg -7 (ES256) protected and x5chain (the DS certificate) unprotected.
 *
 * The encoding is @auth0/mdl's (DataItem = tag 24, DateOnly = tag 1004, Date = tag 0, its cbor-x
 * options); its Document.sign is not used because it hashes through async WebCrypto per element,
 * imports a JWK per call and writes `kid: undefined` into the header (about 4× slower).
 *
 * The Sig_structure goes to the signer port (DESIGN §10): the key may be in this process or in a
 * PKCS#11 token; salts come from the injected random source.
 */
export async function issueMdoc(mdoc: MdocToIssue, signer: MdocSigner, random: RandomSource): Promise<Uint8Array> {
  if (typeof mdoc.docType !== 'string' || mdoc.docType === '') throw new Error('docType must be a non-empty string');
  const validity = checkedValidityInfo(mdoc.validity, signer);
  const deviceKey = deviceCoseKey(mdoc.deviceKey);

  const nameSpaces = new Map<string, DataItem[]>();
  const valueDigests = new Map<string, Map<number, Uint8Array>>();
  const entries = Object.entries(mdoc.nameSpaces);
  if (entries.length === 0) throw new Error('an mDoc needs at least one namespace (ISO 18013-5 §8.3.2.1.2.2)');
  for (const [nameSpace, elements] of entries) {
    const items = Object.entries(elements).map(([element, value], digestId) =>
      issuerSignedItem(digestId, element, toElementValue(value, `${nameSpace}/${element}`), random.bytes(SALT_BYTES)),
    );
    if (items.length === 0) throw new Error(`namespace ${nameSpace} has no elements (ISO 18013-5 §8.3.2.1.2.2)`);
    nameSpaces.set(nameSpace, items);
    // §9.1.2.5: the digest is over IssuerSignedItemBytes, tag 24 included.
    valueDigests.set(nameSpace, new Map(items.map((item, digestId) => [digestId, createHash('sha256').update(cborEncode(item)).digest()])));
  }

  // §9.1.2.4 MobileSecurityObject, carried as MobileSecurityObjectBytes = #6.24(bstr .cbor MSO).
  const mso = new Map<string, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', 'SHA-256'],
    ['valueDigests', valueDigests],
    ['deviceKeyInfo', new Map([['deviceKey', deviceKey]])],
    ['docType', mdoc.docType],
    [
      'validityInfo',
      new Map<string, Date>([
        ['signed', validity.signed],
        ['validFrom', validity.validFrom],
        ['validUntil', validity.validUntil],
      ]),
    ],
  ]);
  if (mdoc.status) {
    mso.set(
      'status',
      new Map([
        [
          'status_list',
          new Map<string, unknown>([
            ['idx', mdoc.status.idx],
            ['uri', mdoc.status.uri],
          ]),
        ],
      ]),
    );
  }
  const payload = new Uint8Array(cborEncode(DataItem.fromData(mso)));
  const signature = await signer.sign(sigStructure(PROTECTED_HEADER, payload));
  if (signature.length !== 64) throw new Error(`the signer returned a ${signature.length}-byte ES256 signature, not 64 (r‖s)`);

  const issuerAuth = [PROTECTED_HEADER, new Map([[HEADER_X5CHAIN, signer.certificateDer]]), payload, signature];
  return new Uint8Array(
    cborEncode(
      new Map<string, unknown>([
        ['nameSpaces', nameSpaces],
        ['issuerAuth', issuerAuth],
      ]),
    ),
  );
}

/** §8.3.2.1.2.2 IssuerSignedItemBytes = #6.24(bstr .cbor IssuerSignedItem). */
function issuerSignedItem(digestId: number, elementIdentifier: string, elementValue: unknown, salt: Uint8Array): DataItem {
  if (salt.length < 16) throw new Error('the random source gave a salt shorter than 16 bytes (ISO 18013-5 §9.1.2.5)');
  try {
    return DataItem.fromData(
      new Map<string, unknown>([
        ['digestID', digestId],
        ['elementIdentifier', elementIdentifier],
        ['elementValue', elementValue],
        ['random', new Uint8Array(salt)],
      ]),
    );
  } catch (error) {
    throw new Error(`${elementIdentifier}: cannot be encoded as CBOR (${(error as Error).message})`, { cause: error });
  }
}
