import type { EngineContext } from '../context';
import { base64url, sha256 } from '../util/secrets';

/** The code the wait page hands over is derived from its handle, so neither is stored in clear. */
export const codeFromHandle = (handle: string) => base64url(sha256(`counter:authorization_code:${handle}`));

/** The client's redirect_uri with the answer's parameters and `iss` (RFC 9207). */
export function redirectWith(redirectUri: string, issuer: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  url.searchParams.set('iss', issuer);
  return url.toString();
}

/**
 * DESIGN §8: a protocol error found before the clerk decides goes back only to a redirect URI the
 * kiosk trusts (the allow-list setting; exact string match, RFC 9700 §4.1.3); anything else would
 * make the authorization endpoint an open redirector (RFC 9700 §4.11). Otherwise the holder page
 * shows the error.
 */
export const isTrustedRedirect = (ctx: EngineContext, redirectUri: string): boolean =>
  ctx.settings.trustedRedirectUris.includes(redirectUri);
