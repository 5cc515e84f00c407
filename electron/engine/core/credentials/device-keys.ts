import type { KeyAttestationsRequired } from '../../../../shared/api/z-mdoc-configuration';
import { OAuthError } from '../errors/oauth-error';
import { AttestationError } from '../wallets/anchored-jwt';
import { verifyKeyAttestation, type KeyAttestation } from '../wallets/key-attestation';
import type { TrustAnchor } from '../wallets/wallet-providers';
import type { ProofSet } from './credential-request';
import { verifyJwtProof } from './verify-proof';

// OID4VCI 1.0 §8.2 and Appendix F: the device keys a credential request asks the copies to be
// bound to, one per jwt proof, plus the other keys a key attestation vouches for (Appendix F.1:
// "SHOULD issue a Credential for each … key in attested_keys"; HAIP §4.5.1: a batch's keys in
// one key attestation), or the keys of an `attestation` proof (F.3). Each key gets one copy.

export interface BoundKey {
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  thumbprint: string;
  /** A trusted wallet provider vouched for this key (Appendix D). */
  attested: boolean;
}

export interface DeviceKeys {
  keys: BoundKey[];
  /** The distinct c_nonces the proofs and attestations name; each must be unused. */
  nonces: string[];
}

export interface ProofRules {
  audience: string;
  now: number;
  maxAgeSeconds: number;
  /** batch_size (§12.2.4), or 1 when batch issuance is off. */
  maxKeys: number;
  anchors: TrustAnchor[];
  /** The configuration's `key_attestations_required` (OID4VCI 1.0 §12.2.4): every key attested, with these properties. */
  keyAttestationsRequired?: KeyAttestationsRequired | undefined;
}

const invalidProof = (description: string) => new OAuthError(400, 'invalid_proof', description);

export async function deviceKeysFromProofs(proofs: ProofSet, rules: ProofRules): Promise<DeviceKeys> {
  const keys = new Map<string, BoundKey>();
  const nonces = new Set<string>();
  const add = (key: Omit<BoundKey, 'attested'>, attested: boolean) => {
    const known = keys.get(key.thumbprint);
    keys.set(key.thumbprint, { jwk: key.jwk, thumbprint: key.thumbprint, attested: attested || (known?.attested ?? false) });
  };

  if (proofs.type === 'attestation') {
    const attestation = meets(await attestationOf(proofs.jwt, rules, false), rules);
    if (!attestation.nonce)
      throw new OAuthError(400, 'invalid_nonce', 'the key attestation must contain a c_nonce from the nonce endpoint');
    nonces.add(attestation.nonce);
    for (const key of attestation.keys) add(key, true);
  } else {
    if (proofs.jwts.length > rules.maxKeys) {
      throw invalidProof(
        rules.maxKeys === 1
          ? 'batch issuance is not supported: send exactly one proof'
          : `at most ${rules.maxKeys} proofs per request (batch_credential_issuance.batch_size)`,
      );
    }
    const proven = new Set<string>();
    for (const jwt of proofs.jwts) {
      const key = await verifyJwtProof(jwt, { audience: rules.audience, now: rules.now, maxAgeSeconds: rules.maxAgeSeconds });
      if (proven.has(key.thumbprint))
        throw invalidProof('each proof must be signed by a different key: a key is bound to at most one copy');
      proven.add(key.thumbprint);
      nonces.add(key.nonce);
      const attestation = key.keyAttestation ? meets(await optionalAttestation(key.keyAttestation, rules), rules) : undefined;
      if (attestation) {
        if (!attestation.keys.some((k) => k.thumbprint === key.thumbprint)) {
          throw invalidProof('the proof is not signed by a key of its key_attestation (OID4VCI 1.0 Appendix D.1)');
        }
        if (attestation.nonce !== undefined) nonces.add(attestation.nonce);
        for (const attested of attestation.keys) add(attested, true);
      } else {
        add(key, false);
      }
    }
  }

  if (keys.size > rules.maxKeys) throw invalidProof(`at most ${rules.maxKeys} keys per request (batch_credential_issuance.batch_size)`);
  const all = [...keys.values()];
  if (rules.keyAttestationsRequired && all.some((k) => !k.attested)) {
    throw invalidProof(
      'this credential requires a key attestation from a trusted wallet provider for every key (key_attestations_required)',
    );
  }
  return { keys: all, nonces: [...nonces] };
}

async function attestationOf(jwt: string, rules: ProofRules, withJwtProof: boolean) {
  try {
    return await verifyKeyAttestation(jwt, rules.anchors, { now: rules.now, withJwtProof });
  } catch (error) {
    if (error instanceof AttestationError) throw invalidProof(error.message);
    throw error;
  }
}

/** A key attestation beside a proof of possession: when none is required, one that does not verify only leaves the key unattested. */
async function optionalAttestation(jwt: string, rules: ProofRules) {
  try {
    return await attestationOf(jwt, rules, true);
  } catch (error) {
    if (rules.keyAttestationsRequired) throw error;
    return undefined;
  }
}

/** Appendix D.2: when the configuration names acceptable key_storage or user_authentication values, the attestation must assert one. */
function meets<T extends KeyAttestation | undefined>(attestation: T, rules: ProofRules): T {
  const required = rules.keyAttestationsRequired;
  if (!attestation || !required) return attestation;
  const check = (accepted: string[] | undefined, asserted: string[] | undefined, what: string) => {
    if (accepted && !accepted.some((value) => asserted?.includes(value))) {
      throw invalidProof(`the key attestation's ${what} does not meet this credential's requirement (one of ${accepted.join(', ')})`);
    }
  };
  check(required.keyStorage, attestation.keyStorage, 'key_storage');
  check(required.userAuthentication, attestation.userAuthentication, 'user_authentication');
  return attestation;
}
