// The authorization endpoint's parsing (RFC 6749 §4.1.1, RFC 7636, OID4VCI 1.0 §5.1) and its
// redirect rules (DESIGN §8): an error found before the clerk decides goes back only to a redirect
// URI the kiosk trusts, else the holder's page shows it; after the decision, to the request's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ISSUER,
  MDL_DOCTYPE,
  PID_DOCTYPE,
  pkceChallenge,
  pkceVerifier,
  startAuthorization,
  startInProcess,
  type InProcessCounter,
} from './support/in-process';

const TRUSTED = 'https://wallet.example/cb';
const TRUSTED_WITH_QUERY = 'https://wallet.example/app?flow=issuance';
const UNTRUSTED = 'https://elsewhere.example/cb';
let counter: InProcessCounter;
beforeAll(async () => {
  counter = await startInProcess({ trustedRedirectUris: [TRUSTED, TRUSTED_WITH_QUERY] });
});
afterAll(() => counter.close());

const valid = (overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  response_type: 'code',
  client_id: 'wallet-client',
  redirect_uri: TRUSTED,
  scope: MDL_DOCTYPE,
  code_challenge: pkceChallenge(pkceVerifier()),
  code_challenge_method: 'S256',
  state: 'st-1',
  ...overrides,
});
const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
const authorize = (params: Record<string, string | undefined> | string) =>
  counter.request(`/v1/oauth/authorize?${typeof params === 'string' ? params : query(params)}`);

/** A redirect back to the wallet with an error: where to, and its parameters. */
async function errorRedirect(response: Response) {
  expect(response.status).toBe(303);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const location = new URL(response.headers.get('location')!);
  return { to: `${location.origin}${location.pathname}`, params: Object.fromEntries(location.searchParams) };
}
/** The holder's page with an error, and no redirect anywhere. */
async function holderPage(response: Response) {
  expect(response.status).toBe(400);
  expect(response.headers.get('location')).toBeNull();
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response.text();
}
const waits = (response: Response) => {
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toMatch(/^\/v1\/oauth\/authorize\/wait\/[A-Za-z0-9_-]{43}$/);
};

describe('authorization request parsing', () => {
  it('starts a request that waits for the clerk, ignoring unknown parameters of any size', async () => {
    waits(await authorize(valid()));
    waits(await authorize(valid({ claims: '{"x":1}', 'x-junk': 'j'.repeat(6000), request: 'eyJ.x.y' })));
    waits(await authorize(valid({ state: undefined, redirect_uri: UNTRUSTED })));
  });

  it('tells a trusted redirect URI that response_type must be code, with state and iss', async () => {
    for (const response_type of ['token', 'code id_token', 'CODE', '', undefined]) {
      expect(await errorRedirect(await authorize(valid({ response_type }))), String(response_type)).toEqual({
        to: TRUSTED,
        params: { error: 'unsupported_response_type', error_description: 'response_type must be code', state: 'st-1', iss: ISSUER },
      });
    }
  });

  it('requires PKCE with S256 and a well-formed challenge', async () => {
    const challenge = pkceChallenge(pkceVerifier());
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ code_challenge: undefined }, /PKCE is required/],
      [{ code_challenge: undefined, code_challenge_method: undefined }, /PKCE is required/],
      [{ code_challenge_method: undefined }, /code_challenge_method must be S256/],
      [{ code_challenge_method: 'plain' }, /code_challenge_method must be S256/],
      [{ code_challenge_method: 's256' }, /code_challenge_method must be S256/],
      [{ code_challenge: challenge.slice(1) }, /base64url SHA-256/],
      [{ code_challenge: `${challenge.slice(1)}=` }, /base64url SHA-256/],
      [{ code_challenge: `${challenge.slice(1)}+` }, /base64url SHA-256/],
    ];
    for (const [overrides, description] of cases) {
      const { to, params } = await errorRedirect(await authorize(valid(overrides)));
      expect(to).toBe(TRUSTED);
      expect(params, JSON.stringify(overrides)).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringMatching(description),
        state: 'st-1',
      });
    }
  });

  it('names the credential by scope, authorization_details or an offer’s issuer_state, and nothing else', async () => {
    const cases: [Record<string, string | undefined>, string, RegExp][] = [
      [{ scope: undefined }, 'invalid_request', /scope or authorization_details/],
      [{ scope: 'org.example.unknown' }, 'invalid_scope', /unknown scope org.example.unknown/],
      [{ scope: `${MDL_DOCTYPE} nope` }, 'invalid_scope', /unknown scope nope/],
      [{ scope: 'openid' }, 'invalid_scope', /no credential was requested/],
      // RFC 9396 §5: not JSON is a malformed parameter; JSON that does not conform is invalid_authorization_details.
      [{ scope: undefined, authorization_details: 'not json' }, 'invalid_request', /authorization_details/],
      [
        { scope: undefined, authorization_details: '{"type":"openid_credential"}' },
        'invalid_authorization_details',
        /authorization_details/,
      ],
      [{ scope: undefined, authorization_details: '[]' }, 'invalid_authorization_details', /authorization_details/],
      [
        { scope: undefined, authorization_details: '[{"type":"other","credential_configuration_id":"x"}]' },
        'invalid_authorization_details',
        /authorization_details/,
      ],
      [
        { scope: undefined, authorization_details: '[{"type":"openid_credential","credential_configuration_id":"nope"}]' },
        'invalid_authorization_details',
        /unknown credential configuration/,
      ],
      [{ scope: undefined, issuer_state: 'not-one-of-ours' }, 'invalid_request', /issuer_state/],
    ];
    for (const [overrides, error, description] of cases) {
      expect((await errorRedirect(await authorize(valid(overrides)))).params, JSON.stringify(overrides)).toMatchObject({
        error,
        error_description: expect.stringMatching(description),
      });
    }
    const pid = counter.configurationId(PID_DOCTYPE);
    waits(
      await authorize(
        valid({
          scope: undefined,
          authorization_details: JSON.stringify([{ type: 'openid_credential', credential_configuration_id: pid }]),
        }),
      ),
    );
    const { data } = (await (await counter.api('/v1/openid/authorizations?status=pending')).json()) as {
      data: { credentials: string[] }[];
    };
    expect(data.map((a) => a.credentials)).toContainEqual([pid]);
  });

  it('refuses a known parameter over its cap on the holder’s page, even for a trusted redirect URI', async () => {
    for (const [name, length] of [
      ['state', 513],
      ['scope', 1025],
      ['client_id', 257],
      ['redirect_uri', 1025],
      ['code_challenge', 129],
      ['authorization_details', 4097],
    ] as const) {
      const page = await holderPage(await authorize(valid({ [name]: 'a'.repeat(length) })));
      expect(page, name).toContain(`${name} is longer than ${length - 1} characters`);
    }
  });

  it('refuses a repeated parameter on the holder’s page: which of them would be the one to trust?', async () => {
    const good = query(valid());
    for (const extra of [`redirect_uri=${encodeURIComponent(UNTRUSTED)}`, 'response_type=token', 'state=other', `scope=${PID_DOCTYPE}`]) {
      for (const order of [`${good}&${extra}`, `${extra}&${good}`]) {
        expect(await holderPage(await authorize(order)), order).toMatch(/is repeated/);
      }
    }
    // A repeated parameter the endpoint does not know is ignored like any unknown one.
    waits(await authorize(`${good}&x-extension=1&x-extension=2`));
  });

  it('keeps an error for the holder when the redirect URI is missing, unsafe or not trusted exactly', async () => {
    for (const redirect_uri of [
      undefined,
      '',
      '/cb',
      'javascript:alert(1)',
      'data:text/html,x',
      `${TRUSTED}#frag`,
      TRUSTED.replace('https:', 'http:'),
    ]) {
      expect(await holderPage(await authorize(valid({ redirect_uri }))), String(redirect_uri)).toMatch(/redirect_uri/);
    }
    // FAPI 2.0 §5.3.2.2: plain http only for a native app's loopback address (RFC 8252 §7.3).
    for (const redirect_uri of ['http://127.0.0.1:4711/cb', 'http://[::1]:4711/cb', 'http://localhost/cb'])
      waits(await authorize(valid({ redirect_uri })));
    expect(await holderPage(await authorize(valid({ client_id: undefined })))).toMatch(/client_id/);
    // Near misses of a trusted URI are not trusted (exact string match, RFC 9700 §4.1.3).
    for (const redirect_uri of [UNTRUSTED, `${TRUSTED}/`, TRUSTED.toUpperCase(), `${TRUSTED}?x=1`]) {
      const page = await holderPage(await authorize(valid({ redirect_uri, response_type: 'token' })));
      expect(page, redirect_uri).toContain('response_type must be code');
      expect(await holderPage(await authorize(valid({ redirect_uri, code_challenge: undefined })))).toContain('PKCE is required');
    }
  });

  it('keeps the trusted redirect URI’s own query when it adds the error', async () => {
    const response = await authorize(valid({ redirect_uri: TRUSTED_WITH_QUERY, response_type: 'token' }));
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://wallet.example/app');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      flow: 'issuance',
      error: 'unsupported_response_type',
      state: 'st-1',
    });
  });
});

describe('after the clerk’s decision', () => {
  it('sends the holder back to the request’s own redirect URI, trusted or not: access_denied with state on rejection', async () => {
    const started = await startAuthorization(counter, { redirectUri: UNTRUSTED, state: 'mine' });
    expect((await counter.request(started.waitPath)).status).toBe(200);
    expect((await counter.api(`/v1/openid/authorizations/${started.id}/reject`, { method: 'POST' })).status).toBe(200);
    const back = await errorRedirect(await counter.request(started.waitPath));
    expect(back).toEqual({
      to: UNTRUSTED,
      params: { error: 'access_denied', error_description: expect.any(String), state: 'mine', iss: ISSUER },
    });
  });

  it('answers an unknown or oversized wait handle with a 404 page', async () => {
    for (const handle of ['nope', 'a'.repeat(43), 'a'.repeat(500)]) {
      const response = await counter.request(`/v1/oauth/authorize/wait/${handle}`);
      expect(response.status, handle.slice(0, 10)).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });
});
