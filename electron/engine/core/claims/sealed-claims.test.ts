import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemRandom } from '../util/secrets';
import {
  ClaimsUnreadableError,
  codeHolderPublicKey,
  hkdfSha256,
  decodeClaims,
  encodeClaims,
  openWithSecret,
  sealToCodeHolder,
  sealWithSecret,
} from './sealed-claims';

const claims = { family_name: 'Ngāti-Whātua', portrait: 'AAEC' };
const offerId = '6f1c7f5e-7f45-4d43-9d3c-0a9b0c1d2e3f';

describe('sealed claims (DESIGN §9)', () => {
  it('derives keys with HKDF-SHA256 exactly as RFC 5869 does', () => {
    // RFC 5869 Appendix A.1, test case 1 (first 32 bytes of OKM).
    const okm = hkdfSha256(
      Buffer.from('0b'.repeat(22), 'hex'),
      Buffer.from('000102030405060708090a0b0c', 'hex'),
      Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'),
    );
    expect(okm.toString('hex')).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf');
    const [ikm, salt, info] = [Buffer.from('a code'), Buffer.from('salt'), Buffer.from('info')];
    expect(hkdfSha256(ikm, salt, info)).toEqual(Buffer.from(hkdfSync('sha256', ikm, salt, info, 32)));
  });

  it('opens only with the same secret, role and offer, and never shows the plaintext', async () => {
    const sealed = sealWithSecret(encodeClaims(claims), 'pre-authorized_code', 'code-1', offerId, systemRandom);
    expect(Buffer.from(sealed).includes(Buffer.from('Whātua'))).toBe(false);
    expect(decodeClaims(await openWithSecret(sealed, 'pre-authorized_code', 'code-1', offerId))).toEqual(claims);
    await expect(openWithSecret(sealed, 'pre-authorized_code', 'code-2', offerId)).rejects.toThrow(ClaimsUnreadableError);
    await expect(openWithSecret(sealed, 'access_token', 'code-1', offerId)).rejects.toThrow(ClaimsUnreadableError);
    await expect(openWithSecret(sealed, 'pre-authorized_code', 'code-1', crypto.randomUUID())).rejects.toThrow(ClaimsUnreadableError);
    const tampered = Buffer.from(sealed);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    await expect(openWithSecret(tampered, 'pre-authorized_code', 'code-1', offerId)).rejects.toThrow(ClaimsUnreadableError);
  });

  it('seals twice to different bytes (fresh IV each time)', () => {
    const a = sealWithSecret(encodeClaims(claims), 'access_token', 't', offerId, systemRandom);
    const b = sealWithSecret(encodeClaims(claims), 'access_token', 't', offerId, systemRandom);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('seals an approval to the key derived from the authorization code (HPKE), opened only with that code', async () => {
    const publicKey = await codeHolderPublicKey('the-code', offerId);
    expect(publicKey).toHaveLength(32);
    expect(Buffer.from(await codeHolderPublicKey('the-code', offerId))).toEqual(Buffer.from(publicKey));
    const sealed = await sealToCodeHolder(encodeClaims(claims), publicKey, offerId);
    expect(Buffer.from(sealed).includes(Buffer.from('Whātua'))).toBe(false);
    expect(decodeClaims(await openWithSecret(sealed, 'authorization_code', 'the-code', offerId))).toEqual(claims);
    await expect(openWithSecret(sealed, 'authorization_code', 'another-code', offerId)).rejects.toThrow(ClaimsUnreadableError);
    await expect(openWithSecret(sealed, 'access_token', 'the-code', offerId)).rejects.toThrow(ClaimsUnreadableError);
  });
});
