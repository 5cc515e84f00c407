import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import type { SignerKind } from '../core/store';
import type { RandomSource } from '../core/util/secrets';

/** ISO 18013-5 Annex B.1.4: extKeyUsage of a Document Signer (id-mdl-kp-mdlDS). */
export const ID_MDL_KP_MDL_DS = '1.0.18013.5.1.2';
export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export const DAY_MS = 86_400_000;
/** Certificates start an hour early so that a reader whose clock is a little slow still accepts them. */
const BACKDATE_MS = 3_600_000;
export const IACA_VALIDITY_YEARS = 9;
/** MATTR VII (and common IACA practice) cap an IACA at 20 years. */
export const IACA_MAX_VALIDITY_YEARS = 20;

/**
 * What a signer certificate under an IACA must be (ISO 18013-5 Annex B.1.4 for the Document Signer).
 * The key + CSR → checked certificate flow is written against this, so another signer (a status-list
 * signer, a metadata signer) is one more profile: its own EKU, validity and name.
 */
export interface SignerProfile {
  /** In messages and common names: "Document Signer". */
  name: string;
  /** The ISO 18013-5 Annex B clause its rules come from, as each refusal names it. */
  annex: string;
  /** The one critical extKeyUsage OID its certificate carries; none when the profile defines no purpose OID. */
  extendedKeyUsage?: string;
  /** The longest validity an authority may give it. */
  maxValidityDays: number;
  /** What a managed IACA gives it. */
  validityDays: number;
  /** Whether its certificate must name a CRL distribution point. */
  requiresCrlDistributionPoint: boolean;
  /** Whether its certificate must carry the IACA's issuerAltName. */
  requiresIssuerAltName: boolean;
}

export const DOCUMENT_SIGNER_PROFILE: SignerProfile = {
  name: 'Document Signer',
  annex: 'B.1.4',
  extendedKeyUsage: ID_MDL_KP_MDL_DS,
  maxValidityDays: 457, // Annex B.1.4
  validityDays: 365,
  requiresCrlDistributionPoint: true,
  requiresIssuerAltName: true,
};

/**
 * A status-list signer (DESIGN §11): signs Status List Tokens under the same IACA as the Document
 * Signer (ISO 18013-5 2nd ed. §12.3.6 and its Annex B profile for the MSO revocation list signer).
 * That profile makes extKeyUsage optional: the OID the IETF Token Status List defines for it
 * (id-kp-oauthStatusSigning, §10) is still unassigned, so none is written and none is required.
 * A CRL distribution point and an issuerAltName are optional too; a managed IACA still writes both.
 */
export const STATUS_LIST_SIGNER_PROFILE: SignerProfile = {
  name: 'Status List Signer',
  annex: 'B (MSO revocation list signer)',
  maxValidityDays: 1187,
  validityDays: 365,
  requiresCrlDistributionPoint: false,
  requiresIssuerAltName: false,
};

export const SIGNER_PROFILES: Record<SignerKind, SignerProfile> = {
  document_signer: DOCUMENT_SIGNER_PROFILE,
  status_list_signer: STATUS_LIST_SIGNER_PROFILE,
};

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000); // X.509 times have no fractions

/** A managed IACA's validity: nine years unless `notAfter` is given. */
export function iacaValidity(now: Date, notAfter?: Date): Validity {
  const end = notAfter ? wholeSeconds(notAfter.getTime()) : wholeSeconds(now.getTime());
  if (!notAfter) end.setUTCFullYear(end.getUTCFullYear() + IACA_VALIDITY_YEARS);
  return { notBefore: wholeSeconds(now.getTime() - BACKDATE_MS), notAfter: end };
}

/** A signer's validity under a managed IACA; never past the IACA's own notAfter (RFC 5280 path validation would fail). */
export function signerValidity(now: Date, iacaNotAfter: Date, profile: SignerProfile): Validity {
  const notAfter = Math.min(now.getTime() + profile.validityDays * DAY_MS, iacaNotAfter.getTime());
  return { notBefore: wholeSeconds(now.getTime() - BACKDATE_MS), notAfter: wholeSeconds(notAfter) };
}

export const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Annex B.1.2/B.1.4 subject: countryName (PrintableString, ISO 3166-1 alpha-2), stateOrProvinceName if any, commonName. */
export function subjectName(commonName: string, country: string, stateOrProvinceName?: string): x509.Name {
  if (!COUNTRY_CODE.test(country)) throw new Error(`country must be an ISO 3166-1 alpha-2 code such as "DE", got "${country}"`);
  if (commonName.trim() === '') throw new Error('the certificate common name must not be empty');
  return new x509.Name([
    { C: [{ printableString: country }] },
    ...(stateOrProvinceName ? [{ ST: [{ utf8String: stateOrProvinceName }] }] : []),
    { CN: [{ utf8String: commonName.trim() }] },
  ]);
}

/** Annex B.1.2: a positive serial of at most 20 octets with at least 63 random bits (here 126). */
export function randomSerialNumber(random: RandomSource): string {
  const bytes = random.bytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40; // positive, and no leading zero octet to strip
  return Buffer.from(bytes).toString('hex');
}

/** ISO 18013-5 Annex B.1.2 (IACA root certificate), with the CRL the kiosk serves for it. */
export async function iacaExtensions(publicKeySpki: Uint8Array, issuerAltNameUri: string, crlUri: string): Promise<x509.Extension[]> {
  if (!URL.canParse(issuerAltNameUri)) throw new Error(`issuerAltNameUri must be an absolute URI, got "${issuerAltNameUri}"`);
  return [
    await x509.SubjectKeyIdentifierExtension.create(new Uint8Array(publicKeySpki)),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    new x509.IssuerAlternativeNameExtension([{ type: 'url', value: issuerAltNameUri }], false),
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.CRLDistributionPointsExtension([crlUri], false),
  ];
}

/** ISO 18013-5 Annex B.1.4 (a signer under the IACA): AKI = the IACA's SKI, issuerAltName as the IACA's, the profile's EKU. */
export async function signerExtensions(
  publicKeySpki: Uint8Array,
  iaca: x509.X509Certificate,
  profile: SignerProfile,
  crlUri: string,
): Promise<x509.Extension[]> {
  const iacaSki = iaca.getExtension(x509.SubjectKeyIdentifierExtension);
  const iacaIan = iaca.getExtension(x509.IssuerAlternativeNameExtension);
  if (!iacaSki || !iacaIan) throw new Error('the IACA certificate lacks a subjectKeyIdentifier or issuerAltName (ISO 18013-5 Annex B.1.2)');
  return [
    new x509.AuthorityKeyIdentifierExtension(iacaSki.keyId, false),
    await x509.SubjectKeyIdentifierExtension.create(new Uint8Array(publicKeySpki)),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ...(profile.extendedKeyUsage ? [new x509.ExtendedKeyUsageExtension([profile.extendedKeyUsage], true)] : []),
    new x509.IssuerAlternativeNameExtension(iacaIan.names.toJSON(), false),
    new x509.CRLDistributionPointsExtension([crlUri], false),
  ];
}
