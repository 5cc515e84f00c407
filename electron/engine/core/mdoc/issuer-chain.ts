import { X509Certificate, type KeyObject } from 'node:crypto';
import { ID_MDL_KP_MDL_DS } from '../../keys/certificate-profiles';

export interface TrustedSigner {
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** The IACA's validity: the whole chain must be valid when a credential is checked. */
  iacaNotBefore: Date;
  iacaNotAfter: Date;
}

/**
 * A memo of chain checks keyed by the two certificates' bytes: the result depends on nothing else,
 * so each Document Signer is checked once, not per credential. Failures are not remembered.
 */
const checked = new Map<string, TrustedSigner>();
const MAX_ENTRIES = 64;

/**
 * The Document Signer certificate `signerDer`, checked to be issued by the IACA `iacaDer`: names and
 * key identifiers, signature, CA flag and the mdlDS extended key usage (ISO 18013-5 Annex B).
 * Uses OpenSSL (node:crypto), which rejects non-DER signature encodings that @peculiar/x509 lets through.
 */
export function trustedSigner(signerDer: Uint8Array, iacaDer: Uint8Array): TrustedSigner {
  const key = `${Buffer.from(iacaDer).toString('base64')}.${Buffer.from(signerDer).toString('base64')}`;
  let result = checked.get(key);
  if (!result) {
    result = checkChain(signerDer, iacaDer);
    if (checked.size >= MAX_ENTRIES) checked.clear();
    checked.set(key, result);
  }
  return result;
}

function checkChain(signerDer: Uint8Array, iacaDer: Uint8Array): TrustedSigner {
  const iaca = parse(iacaDer, 'IACA');
  const signer = parse(signerDer, 'x5chain');
  if (!iaca.ca) throw new Error('the IACA certificate is not a CA (basicConstraints)');
  if (!signer.checkIssued(iaca)) {
    throw new Error(
      `the x5chain certificate was not issued by this IACA (its issuer name or authority key identifier does not match "${oneLine(iaca.subject)}")`,
    );
  }
  if (!signer.verify(iaca.publicKey)) throw new Error('the x5chain certificate is not signed by the IACA');
  if (!signer.keyUsage?.includes(ID_MDL_KP_MDL_DS)) {
    throw new Error('the x5chain certificate lacks the mdlDS extended key usage (ISO 18013-5 Annex B.1.4)');
  }
  if (signer.publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('the x5chain certificate key is not P-256');
  return {
    publicKey: signer.publicKey,
    notBefore: date(signer.validFrom),
    notAfter: date(signer.validTo),
    iacaNotBefore: date(iaca.validFrom),
    iacaNotAfter: date(iaca.validTo),
  };
}

function parse(der: Uint8Array, what: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new Error(`the ${what} certificate cannot be parsed (${(error as Error).message})`, { cause: error });
  }
}

/** OpenSSL's "Mar  1 09:00:00 2026 GMT". */
function date(text: string): Date {
  const value = new Date(text);
  if (Number.isNaN(value.getTime())) throw new Error(`unreadable certificate date "${text}"`);
  return value;
}

const oneLine = (name: string) => name.replace(/\n/g, ', ');
