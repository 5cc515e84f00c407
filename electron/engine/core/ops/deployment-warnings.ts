import { isIP } from 'node:net';
import type { DeploymentWarning } from '../../../../shared/api/z-operations';

/** Certificates from an ACME client renew about 30 days before expiry; 14 days left means renewal is failing. */
export const CERTIFICATE_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * What is wrong with how phones reach this issuer (DESIGN §13 operations): a TLS certificate that
 * expires within 14 days (or has), and a public URL that names a bare IP address (wallets refuse
 * those: a certificate cannot name it for them, and HAIP wants a DNS name) or is not https.
 */
export function deploymentWarnings(input: { publicUrl: string; certificateNotAfter?: Date; now: number }): DeploymentWarning[] {
  const warnings: DeploymentWarning[] = [];
  const { certificateNotAfter: notAfter, now } = input;
  if (notAfter) {
    const left = notAfter.getTime() - now;
    if (left <= 0) {
      warnings.push({
        code: 'CertificateExpired',
        message: `The TLS certificate expired on ${notAfter.toISOString()}; wallets will refuse to connect until it is renewed.`,
      });
    } else if (left <= CERTIFICATE_WARNING_DAYS * DAY_MS) {
      const days = Math.ceil(left / DAY_MS);
      warnings.push({
        code: 'CertificateExpiring',
        message: `The TLS certificate expires in ${days} day${days === 1 ? '' : 's'} (${notAfter.toISOString()}); check that its renewal runs (Counter reloads the new files by itself).`,
      });
    }
  }
  const url = new URL(input.publicUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // This machine only (development, tests): no phone reaches it, so nothing to warn about.
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (isIP(host) !== 0 && !loopback) {
    warnings.push({
      code: 'PublicUrlIsIpAddress',
      message: `The public URL ${input.publicUrl} names an IP address; wallets refuse issuers without a DNS name. Give --public-url a host name that resolves on the branch network.`,
    });
  }
  if (url.protocol !== 'https:' && !loopback) {
    warnings.push({
      code: 'PublicUrlNotHttps',
      message: `The public URL ${input.publicUrl} is not https; most wallets refuse plain http. Give --tls-cert and --tls-key (or a TLS proxy) and an https --public-url.`,
    });
  }
  return warnings;
}
