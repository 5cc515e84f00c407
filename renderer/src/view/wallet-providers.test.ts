import { describe, expect, it } from 'vitest';
import { shortFingerprint, walletProviderRequest } from './wallet-providers';

describe('walletProviderRequest', () => {
  it('reads a PEM certificate or a JWK, and says what is missing', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(walletProviderRequest(' EUDI ', `  ${pem}\n`)).toEqual({ name: 'EUDI', certificatePem: pem });
    expect(walletProviderRequest('W', '{"kty":"EC","crv":"P-256","x":"a","y":"b"}')).toEqual({
      name: 'W',
      jwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b' },
    });
    expect(walletProviderRequest('', pem)).toBe('wallets.needName');
    expect(walletProviderRequest('W', '{"kty":')).toBe('wallets.badAnchor');
    expect(walletProviderRequest('W', '[1]')).toBe('wallets.badAnchor');
    expect(walletProviderRequest('W', 'hello')).toBe('wallets.badAnchor');
  });

  it('shortens long fingerprints only', () => {
    expect(shortFingerprint('0123456789abcdef0123456789abcdef')).toBe('01234567…89abcdef');
    expect(shortFingerprint('short')).toBe('short');
  });
});
