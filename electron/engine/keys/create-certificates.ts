import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import {
  ECDSA_P256,
  ECDSA_SHA256,
  documentSignerExtensions,
  documentSignerValidity,
  iacaExtensions,
  iacaValidity,
  randomSerialNumber,
  subjectName,
} from './certificate-profiles';

export interface CertificateAndKeys {
  certificate: x509.X509Certificate;
  /** Extractable, so that the private key can be written out as PKCS#8. */
  keys: CryptoKeyPair;
}

const newKeyPair = () => crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);

/** A self-signed IACA root (ISO 18013-5 Annex B.1.2), ES256. */
export async function createIaca(options: {
  now: Date;
  commonName: string;
  country: string;
  issuerAltNameUri: string;
}): Promise<CertificateAndKeys> {
  const keys = await newKeyPair();
  const name = subjectName(options.commonName, options.country);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: name,
    issuer: name,
    ...iacaValidity(options.now),
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: await iacaExtensions(keys.publicKey, options.issuerAltNameUri),
  });
  return { certificate, keys };
}

/** A Document Signer issued by the IACA (ISO 18013-5 Annex B.1.4), ES256; its country is the IACA's. */
export async function createDocumentSigner(options: {
  now: Date;
  commonName: string;
  iaca: x509.X509Certificate;
  iacaPrivateKey: CryptoKey;
}): Promise<CertificateAndKeys> {
  const country = options.iaca.subjectName.getField('C')[0];
  if (!country) throw new Error('the IACA certificate has no countryName (ISO 18013-5 Annex B.1.2)');
  const keys = await newKeyPair();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: subjectName(options.commonName, country),
    issuer: options.iaca.subjectName,
    ...documentSignerValidity(options.now, options.iaca.notAfter),
    publicKey: keys.publicKey,
    signingKey: options.iacaPrivateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: await documentSignerExtensions(keys.publicKey, options.iaca),
  });
  return { certificate, keys };
}
