import { z } from 'zod';
import { OAuthError } from '../errors/oauth-error';

// OID4VCI 1.0 §8.2 request body, plus what draft 13–15 wallets send instead (DESIGN §4):
// `format` + `doctype` in place of the configuration id, a singular `proof` in place of `proofs`.
const zCredentialRequest = z.looseObject({
  credential_configuration_id: z.string().min(1).max(256).optional(),
  credential_identifier: z.string().min(1).max(256).optional(),
  format: z.string().max(64).optional(),
  doctype: z.string().max(256).optional(),
  proof: z.looseObject({ proof_type: z.string(), jwt: z.string().max(20_000).optional() }).optional(),
  proofs: z.looseObject({ jwt: z.array(z.string().max(20_000)).optional() }).optional(),
  credential_response_encryption: z.unknown().optional(),
});

export type CredentialTarget =
  { kind: 'configuration'; id: string } | { kind: 'doctype'; docType: string } | { kind: 'identifier'; id: string };

export interface ParsedCredentialRequest {
  target: CredentialTarget;
  proofJwt: string;
  /** Answer in the draft 13–14 shape (`credential`, `format`) as well as 1.0's `credentials`. */
  legacyResponse: boolean;
}

const bad = (description: string) => new OAuthError(400, 'invalid_credential_request', description);
const badProof = (description: string) => new OAuthError(400, 'invalid_proof', description);

export function parseCredentialRequest(body: unknown): ParsedCredentialRequest {
  const result = zCredentialRequest.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw bad(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const r = result.data;
  if (r.credential_response_encryption !== undefined)
    throw new OAuthError(400, 'invalid_credential_request', 'credential response encryption is not supported');
  if (r.proof && r.proofs) throw bad('send either proof or proofs, not both');
  return { target: target(r), proofJwt: proof(r), legacyResponse: r.format !== undefined || r.proof !== undefined };
}

function target(r: z.infer<typeof zCredentialRequest>): CredentialTarget {
  if (r.credential_configuration_id) return { kind: 'configuration', id: r.credential_configuration_id };
  if (r.credential_identifier) return { kind: 'identifier', id: r.credential_identifier };
  if (r.format !== undefined) {
    if (r.format !== 'mso_mdoc')
      throw new OAuthError(400, 'unknown_credential_configuration', `format ${r.format} is not supported; this issuer issues mso_mdoc`);
    if (!r.doctype) throw bad('doctype is required with format mso_mdoc');
    return { kind: 'doctype', docType: r.doctype };
  }
  throw bad('credential_configuration_id is required');
}

function proof(r: z.infer<typeof zCredentialRequest>): string {
  if (r.proof) {
    if (r.proof.proof_type !== 'jwt') throw badProof(`proof_type ${r.proof.proof_type} is not supported; use jwt`);
    if (!r.proof.jwt) throw badProof('proof.jwt is required');
    return r.proof.jwt;
  }
  if (r.proofs) {
    const extra = Object.keys(r.proofs).filter((k) => k !== 'jwt');
    if (extra.length > 0) throw badProof(`proof type ${extra[0]} is not supported; use jwt`);
    const jwts = r.proofs.jwt ?? [];
    if (jwts.length === 0) throw badProof('proofs.jwt must hold one proof');
    // OID4VCI 1.0 §8.2: without batch_credential_issuance in metadata, exactly one proof.
    if (jwts.length > 1) throw badProof('batch issuance is not supported: send exactly one proof');
    return jwts[0]!;
  }
  // The mDoc is bound to a device key (cryptographic_binding_methods_supported: cose_key).
  throw badProof('a jwt proof of possession of the device key is required');
}
