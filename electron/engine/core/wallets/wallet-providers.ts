import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { WalletProviderRecord } from '../store';
import { sha256Hex } from '../util/secrets';

// The wallet providers this issuer trusts (OAuth attestation-based client authentication §4:
// "a known and trusted Client Attester"; OID4VCI 1.0 Appendix D and E): each is one trust anchor,
// an X.509 certificate (the provider's CA; attestations carry their chain in x5c, HAIP §4.4.1) or
// a public JWK (attestations signed by that key directly). The same anchors vouch for wallet
// attestations and for key attestations.

export type WalletProviderKind = WalletProviderRecord['kind'];

/** A provider ready to check signatures with. */
export interface TrustAnchor {
  providerId: string;
  name: string;
  publicKey: KeyObject;
  /** Certificate anchors: attestations chain up to it through x5c. */
  certificate?: X509Certificate;
  /** JWK anchors: the kid a JWT must name, when the JWK has one. */
  kid?: string;
}

/** What an admin gives (certificate PEM or a public JWK): its kind, canonical material and fingerprint, or why not. */
export async function readAnchorMaterial(
  input: { certificatePem: string } | { jwk: Record<string, unknown> },
  now: number,
): Promise<{ kind: WalletProviderKind; material: string; fingerprint: string } | string> {
  if ('certificatePem' in input) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(input.certificatePem);
    } catch {
      return 'certificatePem is not a PEM X.509 certificate';
    }
    if (new Date(certificate.validTo).getTime() <= now) return 'the certificate has expired';
    return { kind: 'certificate', material: certificate.toString(), fingerprint: sha256Hex(certificate.raw) };
  }
  const jwk = input.jwk;
  if (['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((m) => m in jwk)) return 'jwk must be a public key (it holds private members)';
  if (jwk.kty !== 'EC' && jwk.kty !== 'RSA' && jwk.kty !== 'OKP') return 'jwk must be an EC, RSA or OKP public key';
  try {
    createPublicKey({ key: jwk as never, format: 'jwk' });
  } catch {
    return 'jwk is not a usable public key';
  }
  return { kind: 'jwk', material: JSON.stringify(jwk), fingerprint: await calculateJwkThumbprint(jwk as JWK) };
}

/** The anchors of the stored providers (a damaged record is skipped, with its reason). */
export function trustAnchors(providers: WalletProviderRecord[], skipped: (id: string, why: string) => void = () => {}): TrustAnchor[] {
  const anchors: TrustAnchor[] = [];
  for (const p of providers) {
    try {
      if (p.kind === 'certificate') {
        const certificate = new X509Certificate(p.material);
        anchors.push({ providerId: p.id, name: p.name, publicKey: certificate.publicKey, certificate });
      } else {
        const jwk = JSON.parse(p.material) as { kid?: unknown };
        anchors.push({
          providerId: p.id,
          name: p.name,
          publicKey: createPublicKey({ key: jwk as never, format: 'jwk' }),
          ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
        });
      }
    } catch (error) {
      skipped(p.id, (error as Error).message);
    }
  }
  return anchors;
}
