/**
 * The HTTP side of a wallet request that the protocol core needs (RFC 9449 §4, §8; attestation-based
 * client authentication §4–5): request headers to read, and headers to add to the answer (a fresh
 * `DPoP-Nonce`). The HTTP layer supplies it; errors carry their own headers (OAuthError).
 */
export interface WalletExchange {
  /** A request header (names are case-insensitive), or undefined. */
  header(name: string): string | undefined;
  /** A header for the successful answer. */
  respondWith(name: string, value: string): void;
}

/** For callers without HTTP (benchmarks of the core, unit tests): no headers in, none kept. */
export const noExchange: WalletExchange = { header: () => undefined, respondWith: () => {} };
