import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs it before it loads
import * as x509 from '@peculiar/x509';
import type { Es256Signer } from '../../core/signing/es256-signer';
import { ECDSA_SHA256 } from '../certificate-profiles';
import { signerCrypto } from './signer-crypto';

const ID_CE_CRL_NUMBER = '2.5.29.20'; // RFC 5280 §5.2.3

export interface RevokedSerial {
  /** Hexadecimal, as the certificate carries it. */
  serialNumber: string;
  revokedAt: Date;
}

/**
 * An X.509 v2 CRL issued by an IACA (RFC 5280 §5; ISO 18013-5 Annex B CRL profile): issuer = the IACA's
 * subject, thisUpdate and nextUpdate, the revoked serials, and the authorityKeyIdentifier (the IACA's
 * SKI) and cRLNumber extensions. Signed through the IACA key's signer port.
 */
export async function createCrl(options: {
  iaca: x509.X509Certificate;
  iacaSigner: Es256Signer;
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: RevokedSerial[];
}): Promise<x509.X509Crl> {
  const ski = options.iaca.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!ski) throw new Error('the IACA certificate has no subjectKeyIdentifier for the CRL to name (ISO 18013-5 Annex B.1.2)');
  const { crypto, key } = signerCrypto(options.iacaSigner);
  return x509.X509CrlGenerator.create(
    {
      issuer: options.iaca.subjectName,
      thisUpdate: options.thisUpdate,
      nextUpdate: options.nextUpdate,
      signingKey: key,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.AuthorityKeyIdentifierExtension(ski.keyId, false),
        new x509.Extension(ID_CE_CRL_NUMBER, false, derInteger(options.number)),
      ],
      entries: options.revoked.map((entry) => ({ serialNumber: entry.serialNumber, revocationDate: entry.revokedAt })),
    },
    crypto,
  );
}

/** DER INTEGER (X.690 §8.3) of a non-negative safe integer. */
export function derInteger(value: number): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`CRL number must be a non-negative integer, got ${value}`);
  const bytes: number[] = [];
  let rest = BigInt(value);
  do {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  } while (rest > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return Uint8Array.from([0x02, bytes.length, ...bytes]);
}

/** The cRLNumber of a CRL, or undefined. */
export function crlNumber(crl: x509.X509Crl): number | undefined {
  const extension = crl.extensions.find((e) => e.type === ID_CE_CRL_NUMBER);
  if (!extension) return undefined;
  const value = new Uint8Array(extension.value);
  if (value[0] !== 0x02) return undefined;
  let n = 0n;
  for (const byte of value.subarray(2, 2 + value[1]!)) n = (n << 8n) | BigInt(byte);
  return Number(n);
}
