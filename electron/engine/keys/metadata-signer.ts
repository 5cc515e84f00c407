import { readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, sign, X509Certificate } from 'node:crypto';
import type { MetadataSigner } from '../core/metadata/signed-metadata';

// The certificate chain of the metadata signing key (OID4VCI 1.0 §12.2.3, HAIP §4.1): the key's
// certificate, then any intermediates (leaf first; the trust anchor left out, since x5c must not
// carry it), the leaf neither self-signed nor out of date, every link issued by the next.

export class MetadataChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataChainError';
  }
}

export interface CheckedChain {
  chainDer: Uint8Array[];
  leaf: X509Certificate;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The chain in `pem`, checked; `publicKeySpki`, when given, must be the leaf's key. A MetadataChainError says why not. */
export function checkMetadataChain(pem: string, now: Date, publicKeySpki?: Uint8Array): CheckedChain {
  const fail = (why: string): never => {
    throw new MetadataChainError(why);
  };
  const pems = pem.match(PEM_CERTIFICATE) ?? [];
  if (pems.length === 0) fail('it holds no PEM certificate');
  if (pems.length > 5) fail('it holds more than 5 certificates');
  const chain = pems.map((p) => {
    try {
      return new X509Certificate(p);
    } catch {
      return fail('it holds a certificate that cannot be read');
    }
  });
  const leaf = chain[0]!;
  if (leaf.publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') fail('its key is not a P-256 (ES256) key');
  if (leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey))
    fail('it is self-signed (HAIP §4.1: the signing certificate is issued by a CA)');
  for (const [i, cert] of chain.entries()) {
    if (new Date(cert.validTo) <= now || new Date(cert.validFrom) > now)
      fail(`${i === 0 ? 'it' : 'an intermediate'} is not valid now (${cert.validFrom} to ${cert.validTo})`);
    const issuer = chain[i + 1];
    if (issuer && !(cert.checkIssued(issuer) && cert.verify(issuer.publicKey))) fail('a certificate is not issued by the next one');
  }
  const last = chain.at(-1)!;
  if (chain.length > 1 && last.checkIssued(last) && last.verify(last.publicKey))
    fail('it includes the trust anchor (HAIP §4.1: leave the root CA out)');
  if (publicKeySpki) {
    const leafSpki = leaf.publicKey.export({ type: 'spki', format: 'der' });
    if (!leafSpki.equals(Buffer.from(publicKeySpki))) fail("it is not issued for this key (its public key is not the CSR's)");
  }
  return { chainDer: chain.map((c) => new Uint8Array(c.raw)), leaf };
}

/**
 * COUNTER_METADATA_SIGNING_KEY/_CERT: the key (PKCS#8 or SEC1, P-256) and its chain from PEM files.
 * Refused with a clear message when the key is not the certificate's, or the chain fails the checks.
 */
export function loadMetadataSigner(files: { keyFile: string; certFile: string }, now: Date): MetadataSigner {
  const key = createPrivateKey(readFileSync(files.keyFile));
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error(`The metadata signing key ${files.keyFile} is not a P-256 (ES256) key`);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  let checked: CheckedChain;
  try {
    checked = checkMetadataChain(readFileSync(files.certFile, 'utf8'), now, spki);
  } catch (error) {
    if (!(error instanceof MetadataChainError)) throw error;
    const why = error.message.startsWith('it is not issued for this key')
      ? `the key in ${files.keyFile} is not the certificate's`
      : error.message;
    throw new Error(`The metadata signing certificate ${files.certFile} cannot be used: ${why}`, { cause: error });
  }
  return {
    sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
    certificateChainDer: checked.chainDer,
    notAfter: new Date(checked.leaf.validTo),
  };
}
