import { readFileSync } from 'node:fs';
import { createPrivateKey, sign, verify, X509Certificate } from 'node:crypto';
import type { MetadataSigner } from '../core/metadata/signed-metadata';

/**
 * The metadata signing key and certificate (OID4VCI 1.0 §12.2.3, HAIP §4.2) from PEM files: the
 * key (PKCS#8 or SEC1, P-256) and its certificate, optionally followed by intermediates (leaf
 * first; the trust anchor is left out). Refused with a clear message when the key is not the
 * certificate's, the certificate is self-signed (HAIP), expired, or not P-256.
 */
export function loadMetadataSigner(files: { keyFile: string; certFile: string }, now: Date): MetadataSigner {
  const fail = (why: string): never => {
    throw new Error(`The metadata signing certificate ${files.certFile} cannot be used: ${why}`);
  };
  const key = createPrivateKey(readFileSync(files.keyFile));
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') fail('the key is not a P-256 (ES256) key');
  const pems = readFileSync(files.certFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) fail('it holds no PEM certificate');
  const chain = pems.map((pem) => new X509Certificate(pem));
  const leaf = chain[0]!;
  if (leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey))
    fail('it is self-signed (HAIP §4.2: the signing certificate is issued by a CA)');
  if (new Date(leaf.validTo) <= now || new Date(leaf.validFrom) > now) fail(`it is not valid now (${leaf.validFrom} to ${leaf.validTo})`);
  const probe = Buffer.from('counter metadata signer probe');
  if (
    !verify('sha256', probe, { key: leaf.publicKey, dsaEncoding: 'ieee-p1363' }, sign('sha256', probe, { key, dsaEncoding: 'ieee-p1363' }))
  ) {
    fail(`the key in ${files.keyFile} is not the certificate's`);
  }
  return {
    sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
    certificateChainDer: chain.map((c) => new Uint8Array(c.raw)),
    notAfter: new Date(leaf.validTo),
  };
}
