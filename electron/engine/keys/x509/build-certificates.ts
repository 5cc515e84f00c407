import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import type { Es256Signer } from '../../core/signing/es256-signer';
import type { RandomSource } from '../../core/util/secrets';
import {
  ECDSA_P256,
  ECDSA_SHA256,
  iacaExtensions,
  randomSerialNumber,
  signerExtensions,
  subjectName,
  type SignerProfile,
  type Validity,
} from '../certificate-profiles';
import { signerCrypto } from './signer-crypto';

/** A key to certify: its public key (SPKI DER) and, for what it signs itself, its signer port. */
export interface KeyToCertify {
  publicKeySpki: Uint8Array;
  signer: Es256Signer;
}

const spkiKey = (spki: Uint8Array) => crypto.subtle.importKey('spki', new Uint8Array(spki), ECDSA_P256, true, ['verify']);

/** A self-signed IACA root (ISO 18013-5 Annex B.1.2), ES256, signed through its key's signer port. */
export async function createIacaCertificate(options: {
  key: KeyToCertify;
  commonName: string;
  country: string;
  stateOrProvinceName?: string;
  validity: Validity;
  issuerAltNameUri: string;
  crlUri: string;
  random: RandomSource;
}): Promise<x509.X509Certificate> {
  const name = subjectName(options.commonName, options.country, options.stateOrProvinceName);
  const { crypto, key } = signerCrypto(options.key.signer);
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(options.random),
      subject: name,
      issuer: name,
      ...options.validity,
      publicKey: new Uint8Array(options.key.publicKeySpki),
      signingKey: key,
      signingAlgorithm: ECDSA_SHA256,
      extensions: await iacaExtensions(options.key.publicKeySpki, options.issuerAltNameUri, options.crlUri),
    },
    crypto,
  );
}

/**
 * The PKCS#10 request (RFC 2986) for a signer key: subject C (and ST) of the IACA plus CN, signed by
 * the key itself (proof of possession). It asks for nothing else: the profile is the authority's to apply.
 */
export async function createSignerCsr(options: {
  key: KeyToCertify;
  commonName: string;
  iaca: x509.X509Certificate;
}): Promise<x509.Pkcs10CertificateRequest> {
  const { crypto, key } = signerCrypto(options.key.signer);
  return x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: subjectName(options.commonName, ...iacaCountryAndState(options.iaca)),
      keys: { publicKey: await spkiKey(options.key.publicKeySpki), privateKey: key },
      signingAlgorithm: ECDSA_SHA256,
    },
    crypto,
  );
}

/** A signer certificate issued by a managed IACA (ISO 18013-5 Annex B.1.4 for the Document Signer profile). */
export async function issueSignerCertificate(options: {
  csr: x509.Pkcs10CertificateRequest;
  iaca: x509.X509Certificate;
  iacaSigner: Es256Signer;
  profile: SignerProfile;
  validity: Validity;
  crlUri: string;
  random: RandomSource;
}): Promise<x509.X509Certificate> {
  if (!(await options.csr.verify())) throw new Error('the certificate request is not signed by its own key');
  const publicKeySpki = new Uint8Array(options.csr.publicKey.rawData);
  const { crypto, key } = signerCrypto(options.iacaSigner);
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(options.random),
      subject: options.csr.subjectName,
      issuer: options.iaca.subjectName,
      ...options.validity,
      publicKey: new Uint8Array(publicKeySpki),
      signingKey: key,
      signingAlgorithm: ECDSA_SHA256,
      extensions: await signerExtensions(publicKeySpki, options.iaca, options.profile, options.crlUri),
    },
    crypto,
  );
}

/** The countryName (and stateOrProvinceName, if any) a signer under this IACA must carry (Annex B.1.4). */
export function iacaCountryAndState(iaca: x509.X509Certificate): [string, string | undefined] {
  const country = iaca.subjectName.getField('C')[0];
  if (!country) throw new Error('the IACA certificate has no countryName (ISO 18013-5 Annex B.1.2)');
  return [country, iaca.subjectName.getField('ST')[0]];
}
