import type { CreateWalletProviderRequest } from '../../../shared/api/z-wallet-policy';

/**
 * What an admin pastes as a wallet provider's trust anchor (DESIGN §12): a PEM certificate, or a
 * public JWK as JSON. The request to send, or the catalog key of why not.
 */
export function walletProviderRequest(
  name: string,
  anchor: string,
): CreateWalletProviderRequest | 'wallets.needName' | 'wallets.badAnchor' {
  const trimmedName = name.trim();
  if (!trimmedName) return 'wallets.needName';
  const text = anchor.trim();
  if (/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(text)) return { name: trimmedName, certificatePem: text };
  if (text.startsWith('{')) {
    try {
      const jwk = JSON.parse(text) as unknown;
      if (jwk && typeof jwk === 'object' && !Array.isArray(jwk) && typeof (jwk as { kty?: unknown }).kty === 'string') {
        return { name: trimmedName, jwk: jwk as Record<string, unknown> };
      }
    } catch {
      // falls through
    }
  }
  return 'wallets.badAnchor';
}

/** A fingerprint shortened for a table cell: its first and last eight characters. */
export const shortFingerprint = (fingerprint: string): string =>
  fingerprint.length > 20 ? `${fingerprint.slice(0, 8)}…${fingerprint.slice(-8)}` : fingerprint;
