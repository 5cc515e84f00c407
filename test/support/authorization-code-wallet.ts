// The Authorization Code flow (DESIGN §4) as a real wallet runs it with @openid4vc/openid4vci: the
// library builds the (pushed) authorization request with PKCE; the "phone browser" is plain
// fetch with manual redirects, so the test can read the holder page and the final redirect.
import { credentialForSession, makeClient, step, type DeviceKey, type IssuanceSession, type WalletResult } from './wallet';

export const REDIRECT_URI = 'https://wallet.example/callback';
export const CLIENT_ID = 'counter-test-wallet';

export interface PendingAuthorization {
  /** The URL the phone's browser is sent to. */
  authorizationRequestUrl: string;
  /** The holder page the authorization endpoint redirected to. */
  waitUrl: string;
  /** The digits on the holder page. */
  shortCode: string;
  pkceCodeVerifier: string;
  /** Follows the redirect once the clerk has decided and redeems the code, as the library does. */
  token(): Promise<Omit<IssuanceSession, 'offer'>>;
  /** token(), then the credential by credential_configuration_id (the library's retrieveCredentials). */
  finish(deviceKey?: DeviceKey): Promise<WalletResult>;
}

/** Follows one redirect by hand, as a browser would, and returns the Location. */
export async function locationOf(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 303 || !location) throw new Error(`expected a 303 from ${url}, got ${response.status}: ${await response.text()}`);
  return new URL(location, url).toString();
}

export async function holderPage(waitUrl: string): Promise<{ status: number; html: string; shortCode?: string }> {
  const response = await fetch(waitUrl, { redirect: 'manual' });
  const html = await response.text();
  const digits = /class="code"[^>]*>([\d ]+)</.exec(html)?.[1]?.replace(/ /g, '');
  return { status: response.status, html, ...(digits ? { shortCode: digits } : {}) };
}

/** Offer → metadata → (PAR →) authorization request → the holder page with its short code. */
export async function startAuthorization(
  offerUri: string,
  options: { usePar?: boolean; scope?: string; authorizationDetails?: Record<string, unknown>[] } = {},
): Promise<PendingAuthorization> {
  const client = makeClient();
  const credentialOffer = await step('offer', () => client.resolveCredentialOffer(offerUri));
  const resolved = await step('metadata', () => client.resolveIssuerMetadata(credentialOffer.credential_issuer));
  // Without the PAR endpoint in its metadata, the library builds a plain (query) authorization request.
  const issuerMetadata =
    options.usePar === false
      ? {
          ...resolved,
          authorizationServers: resolved.authorizationServers.map(({ pushed_authorization_request_endpoint: _par, ...as }) => as),
        }
      : resolved;
  const { authorizationRequestUrl, pkce } = await step('offer', () =>
    client.createAuthorizationRequestUrlFromOffer({
      credentialOffer,
      issuerMetadata,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: options.scope,
      // RFC 9396 §2: the library sends a nested value as its JSON.
      ...(options.authorizationDetails ? { additionalRequestPayload: { authorization_details: options.authorizationDetails } } : {}),
    }),
  );
  if (!pkce) throw new Error('the library made no PKCE: the issuer metadata lacks code_challenge_methods_supported');
  const waitUrl = await locationOf(authorizationRequestUrl);
  const page = await holderPage(waitUrl);
  if (!page.shortCode) throw new Error(`no short code on the holder page: ${page.html}`);
  const credentialConfigurationId = credentialOffer.credential_configuration_ids[0]!;
  const pending: PendingAuthorization = {
    authorizationRequestUrl,
    waitUrl,
    shortCode: page.shortCode,
    pkceCodeVerifier: pkce.codeVerifier,
    async token() {
      const redirect = await locationOf(waitUrl);
      const response = client.parseAndVerifyAuthorizationResponseRedirectUrl({
        url: redirect,
        authorizationServerMetadata: issuerMetadata.authorizationServers[0]!,
      });
      if (!response.code) throw new Error(`no code in ${redirect}`);
      const { accessTokenResponse } = await step('token', () =>
        client.retrieveAuthorizationCodeAccessTokenFromOffer({
          issuerMetadata,
          credentialOffer,
          authorizationCode: response.code!,
          pkceCodeVerifier: pkce.codeVerifier,
          redirectUri: REDIRECT_URI,
        }),
      );
      return {
        issuerMetadata,
        credentialConfigurationId,
        accessToken: accessTokenResponse.access_token,
        tokenResponse: accessTokenResponse,
      };
    },
    async finish(deviceKey) {
      return credentialForSession(await pending.token(), deviceKey);
    },
  };
  return pending;
}
