// Independent IssuerSigned verifier on @owf/mdoc (test-only, never imports electron/**).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { IssuerSigned } from '@owf/mdoc';
import type { VerificationAssessment } from '@owf/mdoc';
import { Tagged, decodeCbor } from './cbor-lite';
import { coseKeyToPublicJwk, mdocContext } from './mdoc-context';

export { Tagged };

export interface VerifiedMdoc {
  docType: string;
  /**
   * namespace -> elementIdentifier -> value. Conversions:
   * - full-date (CBOR tag 1004) -> string 'YYYY-MM-DD' (anything else inside tag 1004 fails verification),
   * - tdate (tag 0) / epoch date (tag 1) -> Date,
   * - CBOR maps -> plain objects (recursively), bstr -> Uint8Array, other tags -> Tagged.
   * A plain tstr 'YYYY-MM-DD' also comes out as a string: use rawClaims to tell them apart.
   */
  claims: Record<string, Record<string, unknown>>;
  /**
   * Values as decoded by ./cbor-lite, tags kept: a full-date is `Tagged { tag: 1004, value: 'YYYY-MM-DD' }`
   * (check with `expect(v).toBeInstanceOf(Tagged)` + `toMatchObject({ tag: 1004, value: '1990-05-17' })`); maps stay Map.
   */
  rawClaims: Record<string, Record<string, unknown>>;
  validityInfo: { signed: Date; validFrom: Date; validUntil: Date };
  /** The MSO's deviceKeyInfo.deviceKey as {kty, crv, x, y}. */
  deviceKeyJwk: JsonWebKey;
  documentSignerCertificatePem: string;
}

export class MdocVerificationError extends Error {
  constructor(readonly failures: string[]) {
    super(`mDoc verification failed:\n- ${failures.join('\n- ')}`);
    this.name = 'MdocVerificationError';
  }
}

const toDer = (pem: string): Uint8Array => new Uint8Array(new x509.X509Certificate(pem).rawData);

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isFullDate = (s: unknown): s is string => {
  const m = typeof s === 'string' ? FULL_DATE.exec(s) : null;
  return !!m && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s as string);
};

/** Claim value -> test-friendly value (see VerifiedMdoc.claims); bad dates are reported via fail. */
function toPlain(v: unknown, fail: (msg: string) => void): unknown {
  if (v instanceof Tagged) {
    if (v.tag === 1004) {
      if (!isFullDate(v.value)) fail(`tag-1004 full-date is not a 'YYYY-MM-DD' string: ${JSON.stringify(v.value)}`);
      return v.value;
    }
    if (v.tag === 0 || v.tag === 1) {
      const d = new Date(typeof v.value === 'number' ? v.value * 1000 : String(v.value));
      if (Number.isNaN(d.getTime()) || (v.tag === 0 && typeof v.value !== 'string')) fail(`bad tdate ${JSON.stringify(v.value)}`);
      return d;
    }
    return v;
  }
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), toPlain(x, fail)]));
  if (Array.isArray(v)) return v.map((x) => toPlain(x, fail));
  return v;
}

/**
 * Verifies a CBOR IssuerSigned (as delivered by OpenID4VCI, after base64url decoding).
 * Runs @owf/mdoc's IssuerSigned.verify (signature, chain via our context, MSO validity, its own digest
 * check by re-encoding) plus hand checks over the bytes as received: digests over the original
 * tag-24 item bytes, salts >= 16 bytes, unique digestIDs, docType, validFrom <= now < validUntil,
 * signed <= validFrom, validity inside the DS certificate's validity, tag-1004 dates are 'YYYY-MM-DD'.
 * Also fails if the MSO holds digests for a namespace the IssuerSigned does not carry.
 * Throws MdocVerificationError listing every failed check.
 */
export async function verifyIssuerSigned(
  issuerSignedBytes: Uint8Array,
  options: { trustedIacaPems: string[]; docType: string; now?: Date },
): Promise<VerifiedMdoc> {
  const now = options.now ?? new Date();
  const failures: string[] = [];
  const fail = (msg: string) => failures.push(msg);

  const issuerSigned = IssuerSigned.decode(issuerSignedBytes);
  const issuerAuth = issuerSigned.issuerAuth;
  const mso = issuerAuth.mobileSecurityObject;

  // 1. The library's own checks (the callback collects failures instead of throwing at the first one).
  const onCheck = (a: VerificationAssessment) => {
    if (a.status === 'FAILED') fail(`[@owf/mdoc ${a.category}] ${a.check}${a.reason ? `: ${a.reason}` : ''}`);
  };
  await issuerSigned.verify({ trustedCertificates: options.trustedIacaPems.map(toDer), now, verificationCallback: onCheck }, mdocContext);

  // 2. Signature and chain, explicitly (these also ran inside verify()).
  if (!issuerAuth.x5chain?.length) fail('issuerAuth has no x5chain');
  if (issuerAuth.protectedHeaders.headers.get(1) === undefined) fail('issuerAuth alg is not in the protected header');
  if (!(await issuerAuth.verifySignature({}, mdocContext))) fail('issuerAuth signature does not verify with the x5chain certificate');
  try {
    await mdocContext.x509.verifyCertificateChain({
      trustedCertificates: options.trustedIacaPems.map(toDer),
      x5chain: issuerAuth.certificateChain,
      now,
    });
  } catch (e) {
    fail(`certificate chain: ${(e as Error).message}`);
  }

  // 3. MSO content.
  if (mso.docType !== options.docType) fail(`MSO docType '${mso.docType}' != expected '${options.docType}'`);
  const { signed, validFrom, validUntil } = mso.validityInfo;
  if (!(validFrom <= now)) fail(`not yet valid: validFrom ${validFrom.toISOString()} > now ${now.toISOString()}`);
  if (!(now < validUntil)) fail(`expired: validUntil ${validUntil.toISOString()} <= now ${now.toISOString()}`);
  if (!(signed <= validFrom)) fail(`validityInfo.signed ${signed.toISOString()} is after validFrom ${validFrom.toISOString()}`);
  const ds = new x509.X509Certificate(new Uint8Array(issuerAuth.certificate));
  for (const [name, d] of [
    ['signed', signed],
    ['validFrom', validFrom],
    ['validUntil', validUntil],
  ] as const) {
    if (d < ds.notBefore || d > ds.notAfter) fail(`validityInfo.${name} ${d.toISOString()} is outside the DS certificate validity`);
  }

  // 4. Digests over the item bytes exactly as received (the library re-encodes decoded items instead),
  //    decoded with our own CBOR reader.
  const raw = decodeCbor(issuerSignedBytes);
  const rawNamespaces = raw instanceof Map ? raw.get('nameSpaces') : undefined;
  if (!(rawNamespaces instanceof Map)) throw new MdocVerificationError([...failures, 'IssuerSigned has no nameSpaces map']);
  const claims: Record<string, Record<string, unknown>> = {};
  const rawClaims: Record<string, Record<string, unknown>> = {};
  for (const [ns, items] of rawNamespaces as Map<string, unknown>) {
    const digests = mso.valueDigests.valueDigests.get(ns);
    if (!digests) fail(`MSO has no valueDigests for namespace ${ns}`);
    if (!Array.isArray(items)) {
      fail(`namespace ${ns} is not an array`);
      continue;
    }
    const seen = new Set<number>();
    const nsClaims: Record<string, unknown> = (claims[ns] = {});
    const nsRaw: Record<string, unknown> = (rawClaims[ns] = {});
    for (const entry of items) {
      if (!(entry instanceof Tagged && entry.tag === 24 && entry.value instanceof Uint8Array && entry.raw)) {
        fail(`an item in ${ns} is not tag-24 IssuerSignedItemBytes`);
        continue;
      }
      const decoded = decodeCbor(entry.value);
      if (!(decoded instanceof Map)) {
        fail(`an item in ${ns} is not a map`);
        continue;
      }
      const id = decoded.get('elementIdentifier');
      const digestId = decoded.get('digestID');
      const random = decoded.get('random');
      const label = `${ns}/${String(id)}`;
      if (typeof id !== 'string' || typeof digestId !== 'number' || !decoded.has('elementValue')) {
        fail(`${label}: malformed IssuerSignedItem`);
        continue;
      }
      if (Object.hasOwn(nsRaw, id)) fail(`${label}: element appears twice`);
      if (seen.has(digestId)) fail(`${label}: duplicate digestID ${digestId}`);
      seen.add(digestId);
      if (!(random instanceof Uint8Array) || random.length < 16) fail(`${label}: random salt shorter than 16 bytes`);
      const digest = await mdocContext.crypto.digest({ digestAlgorithm: mso.digestAlgorithm, bytes: entry.raw });
      const expected = digests?.get(digestId);
      if (!expected || !Buffer.from(expected).equals(Buffer.from(digest))) fail(`${label}: digest does not match MSO valueDigests`);
      const value = decoded.get('elementValue');
      nsRaw[id] = value;
      nsClaims[id] = toPlain(value, (msg) => fail(`${label}: ${msg}`));
    }
  }
  for (const ns of mso.valueDigests.valueDigests.keys())
    if (!rawNamespaces.has(ns)) {
      // Allowed by ISO (selective disclosure), but an issuer hands over everything.
      fail(`MSO has digests for namespace ${ns} that IssuerSigned does not carry`);
    }

  // The library hashes a re-encoding of the decoded item; if only that check failed, the bytes are fine
  // but not in the form cbor-x re-creates (e.g. non-minimal length headers). Say so.
  for (let i = 0; i < failures.length; i++) {
    const m = /^\[@owf\/mdoc DATA_INTEGRITY\] The calculated digest for (\S+) attribute/.exec(failures[i]!);
    if (m && !failures.some((f) => f.startsWith(`${m[1]}: digest`))) {
      failures[i] +=
        ' (the digest over the received bytes matches: the item is not encoded the way @owf/mdoc re-encodes it, so wallets using @owf/mdoc would reject it)';
    }
  }
  if (failures.length) throw new MdocVerificationError(failures);
  return {
    docType: mso.docType,
    claims,
    rawClaims,
    validityInfo: { signed, validFrom, validUntil },
    deviceKeyJwk: coseKeyToPublicJwk(mso.deviceKeyInfo.deviceKey),
    documentSignerCertificatePem: ds.toString('pem'),
  };
}
