import { z } from 'zod';
import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import { detailsConfigurations, isDetailsRefusal } from './authorization-details';

// RFC 6749 §4.1.1 + RFC 7636 §4.3 + OID4VCI 1.0 §5.1: the parameters of an authorization request,
// checked in two stages, because errors may go back to redirect_uri only once it is trustworthy
// (RFC 6749 §4.1.2.1).

export interface AuthorizationParams {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  issuerState?: string;
  scope?: string;
  authorizationDetails?: string;
  /** RFC 9449 §10: the thumbprint of the DPoP key the code is bound to. */
  dpopJkt?: string;
}

/**
 * RFC 6749 §3.1: unknown parameters are ignored, so only these are kept, each with a length cap
 * (DESIGN §8: an unauthenticated request may not fill the disk). RFC 6749 §4.1.1, RFC 7636 §4.3,
 * RFC 9126, RFC 9396 (authorization_details), RFC 9449 (dpop_jkt), OID4VCI 1.0 §5.1.
 */
const KNOWN_PARAMETERS: Record<string, number> = {
  response_type: 64,
  client_id: 256,
  redirect_uri: 1024,
  state: 512,
  scope: 1024,
  code_challenge: 128,
  code_challenge_method: 16,
  issuer_state: 256,
  authorization_details: 4096,
  request_uri: 256,
  response_mode: 32,
  nonce: 256,
  prompt: 64,
  login_hint: 256,
  ui_locales: 64,
  resource: 1024,
  wallet_issuer: 1024,
  user_hint: 256,
  dpop_jkt: 128,
};

/** DESIGN §8: what a pushed authorization request may keep. */
export const MAX_PUSHED_REQUEST_BYTES = 8 * 1024;

/**
 * The known parameters of a request, or why it is refused (a parameter repeated or over its cap, or
 * too much in all). A query may give a parameter several values: RFC 6749 §3.1 forbids that, and
 * picking one would let two readers of the same URL disagree on which redirect_uri it names.
 */
export function knownParameters(params: Record<string, string | string[]>): Record<string, string> | string {
  const known: Record<string, string> = {};
  let bytes = 0;
  for (const [name, cap] of Object.entries(KNOWN_PARAMETERS)) {
    const values = Object.hasOwn(params, name) ? params[name] : undefined;
    if (values === undefined) continue;
    if (Array.isArray(values) && values.length > 1) return `parameter ${name} is repeated`;
    const value = Array.isArray(values) ? values[0] : values;
    if (value === undefined) continue;
    if (value.length > cap) return `${name} is longer than ${cap} characters`;
    known[name] = value;
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (bytes > MAX_PUSHED_REQUEST_BYTES) return `the request parameters are larger than ${MAX_PUSHED_REQUEST_BYTES / 1024} KB`;
  return known;
}

/** An error that can be reported to the client's redirect_uri. */
export class RedirectableError extends Error {
  constructor(
    readonly error:
      | 'invalid_request'
      | 'unsupported_response_type'
      | 'invalid_scope'
      | 'invalid_authorization_details'
      | 'access_denied'
      | 'server_error',
    readonly description: string,
  ) {
    super(description);
  }
}

// Schemes that would turn our redirect into script execution or a local file read.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Stage 1: client_id and redirect_uri. Without both, nothing may be redirected anywhere. */
export function trustedRedirect(params: Record<string, string>): { clientId: string; redirectUri: string } | string {
  const clientId = params.client_id;
  if (!clientId || clientId.length > 256) return 'client_id is missing or too long';
  const redirectUri = params.redirect_uri;
  if (!redirectUri || redirectUri.length > 1024) return 'redirect_uri is missing or too long';
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return 'redirect_uri is not an absolute URI';
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `redirect_uri may not use the ${url.protocol} scheme`;
  if (url.hash || redirectUri.includes('#')) return 'redirect_uri must not contain a fragment';
  // FAPI 2.0 Security Profile §5.3.2.2 (through HAIP §4): no plain http, but for a native app's loopback (RFC 8252 §7.3).
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && !url.hostname.startsWith('127.'))
    return 'redirect_uri must use https (plain http only for a loopback address)';
  return { clientId, redirectUri };
}

const zChallenge = z.string().regex(/^[A-Za-z0-9_-]{43,128}$/);
/** Stage 2: the rest, with errors that go back to the wallet. */
export function authorizationParams(
  params: Record<string, string>,
  trusted: { clientId: string; redirectUri: string },
): AuthorizationParams {
  if (params.response_type !== 'code') throw new RedirectableError('unsupported_response_type', 'response_type must be code');
  if (!params.code_challenge)
    throw new RedirectableError('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method S256');
  if (params.code_challenge_method !== 'S256') throw new RedirectableError('invalid_request', 'code_challenge_method must be S256');
  if (!zChallenge.safeParse(params.code_challenge).success)
    throw new RedirectableError('invalid_request', 'code_challenge is not a base64url SHA-256 value');
  if (params.state !== undefined && params.state.length > 512) throw new RedirectableError('invalid_request', 'state is too long');
  // RFC 7638 with SHA-256: 43 base64url characters.
  if (params.dpop_jkt !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(params.dpop_jkt))
    throw new RedirectableError('invalid_request', 'dpop_jkt is not a base64url SHA-256 JWK thumbprint');
  if (!params.issuer_state && !params.scope && !params.authorization_details) {
    throw new RedirectableError(
      'invalid_request',
      "name the credential with scope or authorization_details, or send the offer's issuer_state",
    );
  }
  return {
    ...trusted,
    ...(params.state !== undefined ? { state: params.state } : {}),
    codeChallenge: params.code_challenge,
    ...(params.issuer_state ? { issuerState: params.issuer_state } : {}),
    ...(params.scope ? { scope: params.scope } : {}),
    ...(params.authorization_details ? { authorizationDetails: params.authorization_details } : {}),
    ...(params.dpop_jkt ? { dpopJkt: params.dpop_jkt } : {}),
  };
}

/** What a request asks for: every configuration, and those of them named by authorization_details. */
export interface RequestedConfigurations {
  credentials: string[];
  /** OID4VCI 1.0 §5.1.1: named in authorization_details; the token response then describes them (§6.2). */
  detailsCredentials?: string[];
}

/** The configurations a request names, by scope (docType or id) or authorization_details (OID4VCI 1.0 §5.1.1–2). */
export function requestedConfigurations(
  p: AuthorizationParams,
  configurations: MdocConfiguration[],
  issuer: string,
  offered?: string[],
): RequestedConfigurations {
  const ids = new Set<string>();
  for (const token of (p.scope ?? '').split(' ').filter(Boolean)) {
    const match = configurations.find((c) => c.type === token || c.id === token);
    if (match) ids.add(match.id);
    else if (!['openid', 'offline_access'].includes(token)) throw new RedirectableError('invalid_scope', `unknown scope ${token}`);
  }
  let byDetails: string[] | undefined;
  if (p.authorizationDetails) {
    const named = detailsConfigurations(p.authorizationDetails, configurations, issuer);
    // RFC 9396 §5: details that do not conform to their type are invalid_authorization_details; a value
    // that is not JSON at all is a malformed parameter.
    if (isDetailsRefusal(named))
      throw new RedirectableError(named.refusal === 'not_json' ? 'invalid_request' : 'invalid_authorization_details', named.description);
    byDetails = named;
    for (const id of named) ids.add(id);
  }
  const requested = ids.size > 0 ? [...ids] : (offered ?? []);
  if (offered && requested.some((id) => !offered.includes(id)))
    throw new RedirectableError('invalid_scope', 'the request asks for a credential this offer does not include');
  if (requested.length === 0) throw new RedirectableError('invalid_scope', 'no credential was requested');
  return { credentials: requested, ...(byDetails ? { detailsCredentials: byDetails } : {}) };
}
