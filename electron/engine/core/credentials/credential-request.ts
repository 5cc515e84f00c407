import { z } from 'zod';
import { OAuthError } from '../errors/oauth-error';

/** More proofs than any batch_size this issuer allows are refused while parsing. */
export const MAX_PROOFS = 100;

// OID4VCI 1.0 §8.2 request body, plus what draft 13–15 wallets send instead (DESIGN §4):
// `format` + `doctype` in place of the configuration id, a singular `proof` in place of `proofs`.
const zCredentialRequest = z.looseObject({
  credential_configuration_id: z.string().min(1).max(256).optional(),
  credential_identifier: z.string().min(1).max(256).optional(),
  format: z.string().max(64).optional(),
  doctype: z.string().max(256).optional(),
  proof: z.looseObject({ proof_type: z.string(), jwt: z.string().max(20_000).optional() }).optional(),
  proofs: z
    .looseObject({
      jwt: z.array(z.string().max(20_000)).max(MAX_PROOFS).optional(),
      attestation: z.array(z.string().max(20_000)).max(MAX_PROOFS).optional(),
    })
    .optional(),
  credential_response_encryption: z.unknown().optional(),
});

export type CredentialTarget =
  { kind: 'configuration'; id: string } | { kind: 'doctype'; docType: string } | { kind: 'identifier'; id: string };

/** OID4VCI 1.0 Appendix F: jwt proofs (one key each, maybe with a key attestation), or one key attestation alone. */
export type ProofSet = { type: 'jwt'; jwts: string[] } | { type: 'attestation'; jwt: string };

export interface ParsedCredentialRequest {
  target: CredentialTarget;
  proofs: ProofSet;
  /** Answer in the draft 13–14 shape (`credential`, `format`) as well as 1.0's `credentials`. */
  legacyResponse: boolean;
}

const bad = (description: string) => new OAuthError(400, 'invalid_credential_request', description);
const badProof = (description: string) => new OAuthError(400, 'invalid_proof', description);

/** The proof types this issuer takes now (Appendix F): `attestation` only while wallet providers are trusted. */
export type ProofType = 'jwt' | 'attestation';

export function parseCredentialRequest(body: unknown, proofTypes: readonly ProofType[] = ['jwt', 'attestation']): ParsedCredentialRequest {
  const result = zCredentialRequest.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
    // A body of the wrong form is a bad request; too many proofs is a bad proof (§8.3.1.2).
    const tooManyProofs = issue?.code === 'too_big' && issue.path[0] === 'proofs';
    throw tooManyProofs ? badProof(where) : bad(where);
  }
  const r = result.data;
  if (r.credential_response_encryption !== undefined)
    throw new OAuthError(400, 'invalid_credential_request', 'credential response encryption is not supported');
  if (r.proof && r.proofs) throw bad('send either proof or proofs, not both');
  return { target: target(r), proofs: proofs(r, proofTypes), legacyResponse: r.format !== undefined || r.proof !== undefined };
}

function target(r: z.infer<typeof zCredentialRequest>): CredentialTarget {
  // OID4VCI 1.0 §8.2: a credential is named one way only.
  if (r.credential_identifier !== undefined) {
    if (r.credential_configuration_id !== undefined || r.format !== undefined)
      throw bad('credential_identifier names the credential on its own: send no credential_configuration_id or format with it');
    return { kind: 'identifier', id: r.credential_identifier };
  }
  if (r.credential_configuration_id) return { kind: 'configuration', id: r.credential_configuration_id };
  if (r.format !== undefined) {
    if (r.format !== 'mso_mdoc')
      throw new OAuthError(400, 'unknown_credential_configuration', `format ${r.format} is not supported; this issuer issues mso_mdoc`);
    if (!r.doctype) throw bad('doctype is required with format mso_mdoc');
    return { kind: 'doctype', docType: r.doctype };
  }
  throw bad('credential_configuration_id is required');
}

function proofs(r: z.infer<typeof zCredentialRequest>, supported: readonly ProofType[]): ProofSet {
  if (r.proof) {
    if (r.proof.proof_type !== 'jwt') throw badProof(`proof_type ${r.proof.proof_type} is not supported; use jwt`);
    if (!r.proof.jwt) throw badProof('proof.jwt is required');
    return { type: 'jwt', jwts: [r.proof.jwt] };
  }
  if (r.proofs) {
    // OID4VCI 1.0 §8.2: exactly one proof type, a non-empty array.
    const types = Object.keys(r.proofs);
    const unknown = types.find((k) => !(supported as readonly string[]).includes(k));
    if (unknown) throw badProof(`proof type ${unknown} is not supported; use ${supported.join(' or ')}`);
    if (types.length === 0) throw badProof(`proofs must hold one proof type: proofs.${supported.join(' or proofs.')}`);
    if (types.length > 1) throw badProof('proofs must hold exactly one proof type');
    if (r.proofs.attestation) {
      // Appendix F.3: exactly one key attestation, standing for all its keys.
      if (r.proofs.attestation.length !== 1) throw badProof('proofs.attestation must hold exactly one key attestation');
      return { type: 'attestation', jwt: r.proofs.attestation[0]! };
    }
    const jwts = r.proofs.jwt ?? [];
    if (jwts.length === 0) throw badProof('proofs.jwt must hold at least one proof');
    return { type: 'jwt', jwts };
  }
  // The mDoc is bound to a device key (cryptographic_binding_methods_supported: cose_key).
  throw badProof('a jwt proof of possession of the device key is required');
}
