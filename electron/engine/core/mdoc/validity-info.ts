export interface ValidityInfo {
  signed: Date;
  validFrom: Date;
  validUntil: Date;
}

export interface CertificateValidity {
  notBefore: Date;
  notAfter: Date;
}

/** tdate carries no fractional seconds (ISO 18013-5 §9.1.2.4), so compare what will actually be encoded. */
export const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/**
 * ISO 18013-5 §9.1.2.4 validityInfo: signed ≤ validFrom < validUntil, and (DESIGN §5) all inside
 * the Document Signer certificate's validity. Returns the values truncated to whole seconds.
 */
export function checkedValidityInfo(validity: ValidityInfo, certificate: CertificateValidity): ValidityInfo {
  for (const key of ['signed', 'validFrom', 'validUntil'] as const) {
    if (!(validity[key] instanceof Date) || Number.isNaN(validity[key].getTime()))
      throw new Error(`validityInfo.${key} is not a valid Date`);
  }
  const signed = wholeSeconds(validity.signed);
  const validFrom = wholeSeconds(validity.validFrom);
  const validUntil = wholeSeconds(validity.validUntil);
  const problem = validityProblem({ signed, validFrom, validUntil }, certificate);
  if (problem) throw new Error(`invalid validityInfo: ${problem}`);
  return { signed, validFrom, validUntil };
}

/** The first rule `validity` breaks, or undefined. */
export function validityProblem({ signed, validFrom, validUntil }: ValidityInfo, certificate: CertificateValidity): string | undefined {
  const iso = (d: Date) => d.toISOString();
  if (signed > validFrom) return `signed (${iso(signed)}) is after validFrom (${iso(validFrom)})`;
  if (validFrom >= validUntil) return `validFrom (${iso(validFrom)}) is not before validUntil (${iso(validUntil)})`;
  if (signed < certificate.notBefore)
    return `signed (${iso(signed)}) is before the Document Signer certificate's notBefore (${iso(certificate.notBefore)})`;
  if (validUntil > certificate.notAfter)
    return `validUntil (${iso(validUntil)}) is after the Document Signer certificate's notAfter (${iso(certificate.notAfter)})`;
  return undefined;
}
