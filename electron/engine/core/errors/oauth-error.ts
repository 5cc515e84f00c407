/** OAuth error codes used by the token, nonce, credential and notification endpoints. */
export type OAuthErrorCode =
  // RFC 6749 §5.2
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  // RFC 9396 §5, §6
  | 'invalid_authorization_details'
  // RFC 6750 §3.1
  | 'invalid_token'
  // RFC 9449 §5, §7.1, §8
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  // OID4VCI 1.0 §8.3.1.2, §11.3
  | 'invalid_credential_request'
  | 'unknown_credential_configuration'
  | 'unknown_credential_identifier'
  | 'invalid_proof'
  | 'invalid_nonce'
  | 'credential_request_denied'
  | 'invalid_notification_id'
  | 'invalid_notification_request'
  // RFC 6749 §4.1.2.1: the server cannot handle the request now (storage faults, DESIGN §8; no Document Signer, §10)
  | 'temporarily_unavailable'
  // ours: throttling, oversized body, unknown route, internal failure
  | 'slow_down'
  | 'not_found'
  | 'server_error';

/** An error of a wallet-facing endpoint, rendered as `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503,
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);
export const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);

/** A wrong guess at a secret (code, tx_code, PKCE verifier): counted by the token endpoint's throttle. */
export class WrongGuessError extends OAuthError {
  constructor(description: string) {
    super(400, 'invalid_grant', description);
  }
}
// RFC 6750 §3: the challenge is a header, so only printable ASCII may go in it.
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/"/g, "'");

/** RFC 6750 §3 (and RFC 9449 §7.1: a DPoP challenge for a DPoP-bound token, with the algorithms accepted). */
export const invalidToken = (description: string, scheme: 'Bearer' | 'DPoP' = 'Bearer') =>
  new OAuthError(401, 'invalid_token', description, {
    'WWW-Authenticate': `${scheme} error="invalid_token", error_description="${headerSafe(description)}"${scheme === 'DPoP' ? ', algs="ES256"' : ''}`,
  });

/**
 * RFC 9449 §7.1, §9: a DPoP proof refused at a protected resource (401 with a DPoP challenge), or
 * at the token endpoint (400, §5); `nonce` is the DPoP-Nonce to retry with.
 */
export function dpopError(
  error: 'invalid_dpop_proof' | 'use_dpop_nonce',
  description: string,
  at: 'token' | 'resource',
  nonce?: string,
): OAuthError {
  const headers: Record<string, string> = nonce ? { 'DPoP-Nonce': nonce } : {};
  if (at === 'resource')
    headers['WWW-Authenticate'] = `DPoP error="${error}", error_description="${headerSafe(description)}", algs="ES256"`;
  return new OAuthError(at === 'resource' ? 401 : 400, error, description, headers);
}

/** RFC 6749 §5.2: client authentication failed (a wallet attestation required and missing or not trusted). */
export const invalidClient = (description: string) => new OAuthError(401, 'invalid_client', description);
