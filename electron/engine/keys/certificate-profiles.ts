import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';

/** ISO 18013-5 Annex B.1.4: extKeyUsage of a Document Signer (id-mdl-kp-mdlDS). */
export const ID_MDL_KP_MDL_DS = '1.0.18013.5.1.2';
export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

const DAY_MS = 86_400_000;
/** Certificates start an hour early so that a reader whose clock is a little slow still accepts them. */
const BACKDATE_MS = 3_600_000;
export const IACA_VALIDITY_YEARS = 9;
/** Annex B.1.4 allows at most 457 days. */
export const DOCUMENT_SIGNER_VALIDITY_DAYS = 365;
/** A Document Signer is renewed once less than this is left. */
export const RENEW_BEFORE_MS = DAY_MS;

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000); // X.509 times have no fractions

export function iacaValidity(now: Date): Validity {
  const notAfter = wholeSeconds(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + IACA_VALIDITY_YEARS);
  return { notBefore: wholeSeconds(now.getTime() - BACKDATE_MS), notAfter };
}

/** Annex B.1.4; never past the IACA's own notAfter (RFC 5280 path validation would fail). */
export function documentSignerValidity(now: Date, iacaNotAfter: Date): Validity {
  const notAfter = Math.min(now.getTime() + DOCUMENT_SIGNER_VALIDITY_DAYS * DAY_MS, iacaNotAfter.getTime());
  return { notBefore: wholeSeconds(now.getTime() - BACKDATE_MS), notAfter: wholeSeconds(notAfter) };
}

/** Annex B.1.2/B.1.4 subject: countryName (PrintableString, ISO 3166-1 alpha-2) and commonName. */
export function subjectName(commonName: string, country: string): x509.Name {
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`country must be an ISO 3166-1 alpha-2 code such as "NZ", got "${country}"`);
  if (commonName.trim() === '') throw new Error('the certificate common name must not be empty');
  return new x509.Name([{ C: [{ printableString: country }] }, { CN: [{ utf8String: commonName.trim() }] }]);
}

/** Annex B.1.2: a positive serial of at most 20 octets with at least 63 random bits (here 126). */
export function randomSerialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x3f) | 0x40; // positive, and no leading zero octet to strip
  return Buffer.from(bytes).toString('hex');
}

/** ISO 18013-5 Annex B.1.2 (IACA root certificate). CRL distribution points are left out: the kiosk publishes no CRL. */
export async function iacaExtensions(publicKey: CryptoKey, issuerAltNameUri: string): Promise<x509.Extension[]> {
  if (!URL.canParse(issuerAltNameUri)) throw new Error(`issuerAltNameUri must be an absolute URI, got "${issuerAltNameUri}"`);
  return [
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    new x509.IssuerAlternativeNameExtension([{ type: 'url', value: issuerAltNameUri }], false),
    new x509.BasicConstraintsExtension(true, 0, true),
  ];
}

/** ISO 18013-5 Annex B.1.4 (Document Signer certificate): AKI = the IACA's SKI, issuerAltName as the IACA's. */
export async function documentSignerExtensions(publicKey: CryptoKey, iaca: x509.X509Certificate): Promise<x509.Extension[]> {
  const iacaSki = iaca.getExtension(x509.SubjectKeyIdentifierExtension);
  const iacaIan = iaca.getExtension(x509.IssuerAlternativeNameExtension);
  if (!iacaSki || !iacaIan) throw new Error('the IACA certificate lacks a subjectKeyIdentifier or issuerAltName (ISO 18013-5 Annex B.1.2)');
  return [
    new x509.AuthorityKeyIdentifierExtension(iacaSki.keyId, false),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([ID_MDL_KP_MDL_DS], true),
    new x509.IssuerAlternativeNameExtension(iacaIan.names.toJSON(), false),
  ];
}
