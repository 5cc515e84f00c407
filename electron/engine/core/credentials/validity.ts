import type { ExpiresIn } from '../../../../shared/api/z-mdoc-configuration';

/**
 * Clock-skew policy: a kiosk whose clock runs fast must not issue mDocs that a correct verifier
 * sees as not yet valid, so `signed` and `validFrom` are set this far in the past (never before
 * the Document Signer certificate's notBefore). A kiosk clock up to an hour fast is harmless; one
 * that runs slow only makes the validity window start and end earlier.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 60 * 60 * 1000;

/** now + a configuration's expiresIn, calendar-aware for years and months. */
export function addExpiresIn(from: number, e: ExpiresIn): number {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + (e.years ?? 0), d.getUTCMonth() + (e.months ?? 0));
  const seconds = (e.weeks ?? 0) * 604_800 + (e.days ?? 0) * 86_400 + (e.hours ?? 0) * 3_600 + (e.minutes ?? 0) * 60 + (e.seconds ?? 0);
  return d.getTime() + seconds * 1000;
}

const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000; // tdate has no fractional seconds

/**
 * DESIGN §5: signed ≤ validFrom < validUntil, all inside the Document Signer certificate's
 * validity, so validUntil is cut short at the certificate's notAfter.
 */
export function validityFor(now: number, expiresIn: ExpiresIn, signer: { notBefore: Date; notAfter: Date }) {
  if (now < signer.notBefore.getTime() || now >= signer.notAfter.getTime()) {
    throw new Error('The Document Signer certificate is not valid now; check the kiosk clock or renew the certificate');
  }
  const signed = new Date(Math.max(wholeSeconds(now - CLOCK_SKEW_ALLOWANCE_MS), Math.ceil(signer.notBefore.getTime() / 1000) * 1000));
  const validUntil = new Date(wholeSeconds(Math.min(addExpiresIn(now, expiresIn), signer.notAfter.getTime())));
  return { signed, validFrom: signed, validUntil };
}
