import { DataItem, cborDecode } from '@auth0/mdl/lib/cbor/index.js';
import { createHash } from 'node:crypto';
import { embeddedCborBytes, verifyEs256 } from './cose-sign1';
import { deviceKeyMismatch, type DeviceKeyJwk } from './device-key';
import { trustedSigner } from './issuer-chain';
import { validityProblem } from './validity-info';

export interface IssuedMdocExpectations {
  docType: string;
  deviceKey: DeviceKeyJwk;
  iacaCertificateDer: Uint8Array;
  now: Date | number;
}

const ALG_ES256 = -7; // RFC 9053 §2.1
const HEADER_ALG = 1; // RFC 9052 §3.1
const HEADER_X5CHAIN = 33; // RFC 9360 §2
const MIN_SALT_BYTES = 16; // ISO 18013-5 §9.1.2.5
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * DESIGN §5 self-check of an IssuerSigned before it leaves: structure, COSE_Sign1 signature (ES256)
 * by the x5chain certificate, that certificate's chain to the IACA, every value digest, docType,
 * device key and validityInfo (ISO 18013-5 §9.1.2, §9.3.1). Throws an Error saying what is wrong.
 */
export async function verifyIssuedMdoc(issuerSigned: Uint8Array, expected: IssuedMdocExpectations): Promise<void> {
  try {
    await check(issuerSigned, expected);
  } catch (error) {
    throw new Error(`issued mDoc failed its self-check: ${(error as Error).message}`, { cause: error });
  }
}

async function check(bytes: Uint8Array, expected: IssuedMdocExpectations): Promise<void> {
  const now = typeof expected.now === 'number' ? expected.now : expected.now.getTime();
  const issuerSigned = map(decode(bytes, 'IssuerSigned'), 'IssuerSigned');
  if (issuerSigned.size !== 2) throw new Error('IssuerSigned must hold exactly nameSpaces and issuerAuth');
  const nameSpaces = map(issuerSigned.get('nameSpaces'), 'nameSpaces');
  const issuerAuth = issuerSigned.get('issuerAuth');

  // ISO 18013-5 §9.1.2.4: issuerAuth is an untagged COSE_Sign1 over MobileSecurityObjectBytes.
  if (!Array.isArray(issuerAuth) || issuerAuth.length !== 4) throw new Error('issuerAuth is not a COSE_Sign1 array');
  const [protectedBytes, unprotected, payload, signature] = issuerAuth as unknown[];
  const protectedHeader = map(decode(bstr(protectedBytes, 'protected header'), 'protected header'), 'protected header');
  if (protectedHeader.get(HEADER_ALG) !== ALG_ES256)
    throw new Error(`protected header alg is ${String(protectedHeader.get(HEADER_ALG))}, expected -7 (ES256)`);
  const x5chain = map(unprotected, 'unprotected header').get(HEADER_X5CHAIN);
  const signerDer = bstr(Array.isArray(x5chain) ? x5chain[0] : x5chain, 'x5chain certificate');

  const signer = trustedSigner(signerDer, expected.iacaCertificateDer);
  if (now < signer.notBefore.getTime() || now > signer.notAfter.getTime())
    throw new Error('the Document Signer certificate is not valid now');
  if (now < signer.iacaNotBefore.getTime() || now > signer.iacaNotAfter.getTime()) throw new Error('the IACA certificate is not valid now');
  if (!verifyEs256(signer.publicKey, protectedBytes as Uint8Array, bstr(payload, 'payload'), bstr(signature, 'signature'))) {
    throw new Error('the issuerAuth signature does not verify with the x5chain certificate');
  }

  const msoItem = decode(payload as Uint8Array, 'MobileSecurityObjectBytes');
  if (!(msoItem instanceof DataItem)) throw new Error('the issuerAuth payload is not a tag-24 MobileSecurityObjectBytes');
  const mso = map(decode(msoItem.buffer, 'MobileSecurityObject'), 'MobileSecurityObject');
  if (mso.get('version') !== '1.0') throw new Error(`MSO version is ${String(mso.get('version'))}, expected "1.0"`);
  if (mso.get('digestAlgorithm') !== 'SHA-256')
    throw new Error(`MSO digestAlgorithm is ${String(mso.get('digestAlgorithm'))}, expected SHA-256`);
  if (mso.get('docType') !== expected.docType)
    throw new Error(`MSO docType is ${String(mso.get('docType'))}, expected ${expected.docType}`);

  const mismatch = deviceKeyMismatch(map(mso.get('deviceKeyInfo'), 'deviceKeyInfo').get('deviceKey'), expected.deviceKey);
  if (mismatch) throw new Error(mismatch);

  checkValidity(map(mso.get('validityInfo'), 'validityInfo'), signer, now);
  checkDigests(nameSpaces, map(mso.get('valueDigests'), 'valueDigests'));
}

function checkValidity(info: Map<unknown, unknown>, signer: { notBefore: Date; notAfter: Date }, now: number): void {
  const date = (key: string) => {
    const value = info.get(key);
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new Error(`validityInfo.${key} is not a tdate`);
    return value;
  };
  const validity = { signed: date('signed'), validFrom: date('validFrom'), validUntil: date('validUntil') };
  const problem = validityProblem(validity, signer);
  if (problem) throw new Error(problem);
  if (validity.signed.getTime() > now + CLOCK_SKEW_MS) throw new Error('validityInfo.signed is in the future');
  if (validity.validUntil.getTime() <= now) throw new Error('validityInfo.validUntil has already passed');
}

/** ISO 18013-5 §9.3.1: each IssuerSignedItemBytes digests to valueDigests[namespace][digestID]. */
function checkDigests(nameSpaces: Map<unknown, unknown>, valueDigests: Map<unknown, unknown>): void {
  if (nameSpaces.size === 0) throw new Error('nameSpaces is empty');
  for (const [nameSpace, items] of nameSpaces) {
    if (typeof nameSpace !== 'string' || !Array.isArray(items) || items.length === 0)
      throw new Error('nameSpaces must map names to non-empty arrays');
    const digests = map(valueDigests.get(nameSpace), `valueDigests for ${nameSpace}`);
    const seenIds = new Set<number>();
    const seenElements = new Set<string>();
    for (const item of items as unknown[]) {
      if (!(item instanceof DataItem)) throw new Error(`an item in ${nameSpace} is not tag-24 IssuerSignedItemBytes`);
      const fields = map(decode(item.buffer, `an IssuerSignedItem in ${nameSpace}`), `an IssuerSignedItem in ${nameSpace}`);
      const digestId = fields.get('digestID');
      const element = fields.get('elementIdentifier');
      const salt = fields.get('random');
      if (!Number.isInteger(digestId) || typeof element !== 'string' || !fields.has('elementValue') || fields.size !== 4) {
        throw new Error(`an IssuerSignedItem in ${nameSpace} is malformed`);
      }
      const where = `${nameSpace}/${element}`;
      if (!(salt instanceof Uint8Array) || salt.length < MIN_SALT_BYTES) throw new Error(`${where}: random salt is shorter than 16 bytes`);
      if (seenIds.has(digestId as number) || seenElements.has(element)) throw new Error(`${where}: duplicate digestID or element`);
      seenIds.add(digestId as number);
      seenElements.add(element);
      const expectedDigest = digests.get(digestId);
      const digest = createHash('sha256').update(embeddedCborBytes(item.buffer)).digest();
      if (!(expectedDigest instanceof Uint8Array) || !digest.equals(expectedDigest))
        throw new Error(`${where}: value digest does not match the MSO`);
    }
  }
}

function decode(bytes: Uint8Array, what: string): unknown {
  try {
    return cborDecode(bytes);
  } catch (error) {
    throw new Error(`${what} is not valid CBOR (${(error as Error).message})`, { cause: error });
  }
}

function map(value: unknown, what: string): Map<unknown, unknown> {
  if (!(value instanceof Map)) throw new Error(`${what} is not a CBOR map`);
  return value;
}

function bstr(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new Error(`${what} is not a byte string`);
  return value;
}
