// authorization_details at the token endpoint (OID4VCI 1.0 §6.1, §6.2; RFC 9396 §6, §7): the token
// response describes them, with credential identifiers, whenever the authorization request or the
// token request used them, and never otherwise; details beyond the grant are refused without using
// up the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MDL_CLAIMS } from '../support/fixtures';
import {
  approvedCode,
  ISSUER,
  MDL_DOCTYPE,
  oauthError,
  PID_DOCTYPE,
  PRE_AUTHORIZED_GRANT,
  startInProcess,
  type InProcessCounter,
} from './support/in-process';

let counter: InProcessCounter;
let mdl: string;
let pid: string;
beforeAll(async () => {
  counter = await startInProcess();
  mdl = counter.configurationId(MDL_DOCTYPE);
  pid = counter.configurationId(PID_DOCTYPE);
});
afterAll(() => counter.close());

/** Holder data that fits both seeded configurations. */
const BOTH_CLAIMS = { ...MDL_CLAIMS, issuance_date: '2026-11-23', expiry_date: '2027-11-23' };
const details = (...ids: string[]) => ids.map((id) => ({ type: 'openid_credential', credential_configuration_id: id }));
/** What the token response must carry for these configurations (§6.2): one identifier each. */
const described = (...ids: string[]) =>
  ids.map((id) => ({ type: 'openid_credential', credential_configuration_id: id, locations: [ISSUER], credential_identifiers: [id] }));

type Approved = Awaited<ReturnType<typeof approvedCode>>;
const codeToken = (a: Approved, extra: Record<string, string> = {}) =>
  counter.postForm('/v1/oauth/token', {
    grant_type: 'authorization_code',
    code: a.code,
    code_verifier: a.verifier,
    redirect_uri: a.redirectUri,
    ...extra,
  });
const preAuthorizedToken = (offer: { code: string; txCode?: string }, extra: Record<string, string> = {}) =>
  counter.postForm('/v1/oauth/token', {
    grant_type: PRE_AUTHORIZED_GRANT,
    'pre-authorized_code': offer.code,
    ...(offer.txCode ? { tx_code: offer.txCode } : {}),
    ...extra,
  });
const body = async (response: Response) => {
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
};

describe('authorization_details in the token response (authorization code)', () => {
  it('describes what the authorization request named in authorization_details, with a credential identifier each', async () => {
    const approved = await approvedCode(counter, { scope: null, authorizationDetails: details(mdl) });
    const token = await body(await codeToken(approved));
    expect(token.authorization_details).toEqual(described(mdl));
    expect(token).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
  });

  it('accepts details naming the credential issuer in locations (§5.1.1) or by the draft doctype, and refuses another location', async () => {
    const located = await approvedCode(counter, {
      scope: null,
      authorizationDetails: [{ type: 'openid_credential', credential_configuration_id: mdl, locations: [ISSUER] }],
    });
    expect((await body(await codeToken(located))).authorization_details).toEqual(described(mdl));
    const byDoctype = await approvedCode(counter, {
      scope: null,
      authorizationDetails: [{ type: 'openid_credential', format: 'mso_mdoc', doctype: MDL_DOCTYPE }],
    });
    expect((await body(await codeToken(byDoctype))).authorization_details).toEqual(described(mdl));
    const elsewhere = await counter.request(
      `/v1/oauth/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: 'w',
        redirect_uri: 'https://wallet.example/cb',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        authorization_details: JSON.stringify([
          { type: 'openid_credential', credential_configuration_id: mdl, locations: ['https://other.example'] },
        ]),
      })}`,
    );
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('locations other than this credential issuer');
  });

  it('describes every configuration granted when details and scope were mixed, since the wallet may then use identifiers only', async () => {
    const approved = await approvedCode(counter, { scope: MDL_DOCTYPE, authorizationDetails: details(pid), claims: BOTH_CLAIMS });
    const token = await body(await codeToken(approved));
    expect(token.authorization_details).toEqual(described(mdl, pid));
  });

  it('sends no authorization_details for a request by scope, unless the token request asks with them', async () => {
    const byScope = await approvedCode(counter);
    expect(await body(await codeToken(byScope))).not.toHaveProperty('authorization_details');
    const asked = await approvedCode(counter);
    expect((await body(await codeToken(asked, { authorization_details: JSON.stringify(details(mdl)) }))).authorization_details).toEqual(
      described(mdl),
    );
  });

  it('narrows the grant to the details of the token request (§6.1), and refuses details beyond it without using up the code', async () => {
    const approved = await approvedCode(counter, { scope: null, authorizationDetails: details(mdl, pid), claims: BOTH_CLAIMS });
    const beyond = await approvedCode(counter);
    expect(await oauthError(await codeToken(beyond, { authorization_details: JSON.stringify(details(pid)) }))).toEqual({
      status: 400,
      error: 'invalid_authorization_details',
      error_description: 'authorization_details asks for a credential this grant does not include',
      cache: 'no-store',
    });
    expect((await body(await codeToken(beyond))).authorization_details).toBeUndefined();
    const token = await body(await codeToken(approved, { authorization_details: JSON.stringify(details(pid)) }));
    expect(token.authorization_details).toEqual(described(pid));
  });
});

describe('authorization_details in the token request (pre-authorized code)', () => {
  const bothOffer = () => counter.createOffer({ credentials: [mdl, pid], claims: BOTH_CLAIMS });

  it('echoes the configurations the wallet picks from the offer, and none without details', async () => {
    const offer = await bothOffer();
    const token = await body(await preAuthorizedToken(offer, { authorization_details: JSON.stringify(details(pid)) }));
    expect(token.authorization_details).toEqual(described(pid));
    const whole = await bothOffer();
    expect(
      (await body(await preAuthorizedToken(whole, { authorization_details: JSON.stringify(details(pid, mdl, pid)) })))
        .authorization_details,
    ).toEqual(described(pid, mdl));
    const plain = await bothOffer();
    const untouched = await body(await preAuthorizedToken(plain, { authorization_details: '' }));
    expect(untouched).not.toHaveProperty('authorization_details');
  });

  it('refuses details it cannot grant (RFC 9396 §5, §6), before the code or tx_code is looked at, so the offer stays open', async () => {
    const offer = await counter.createOffer();
    const cases: [string, string, RegExp][] = [
      ['not json', 'invalid_request', /JSON array of openid_credential objects/],
      ['{"type":"openid_credential"}', 'invalid_authorization_details', /JSON array/],
      ['[]', 'invalid_authorization_details', /JSON array/],
      [JSON.stringify([{ type: 'other', credential_configuration_id: mdl }]), 'invalid_authorization_details', /JSON array/],
      [JSON.stringify([{ type: 'openid_credential', credential_configuration_id: 7 }]), 'invalid_authorization_details', /JSON array/],
      [JSON.stringify(details('no-such-configuration')), 'invalid_authorization_details', /unknown credential configuration/],
      [JSON.stringify(details(pid)), 'invalid_authorization_details', /this grant does not include/],
      [JSON.stringify(details(mdl, pid)), 'invalid_authorization_details', /this grant does not include/],
      [
        JSON.stringify([{ type: 'openid_credential', credential_configuration_id: mdl, locations: ['https://other.example'] }]),
        'invalid_authorization_details',
        /locations other than this credential issuer/,
      ],
      [JSON.stringify(details(...Array.from({ length: 11 }, () => mdl))), 'invalid_authorization_details', /JSON array/],
      ['['.repeat(4097), 'invalid_request', /longer than 4096 characters/],
    ];
    for (const [raw, error, description] of cases) {
      expect(await oauthError(await preAuthorizedToken(offer, { authorization_details: raw })), raw.slice(0, 60)).toMatchObject({
        status: 400,
        error,
        error_description: expect.stringMatching(description),
      });
    }
    // No strike, no redemption: the same code and tx_code still get their token.
    expect(await counter.offerStatus(offer.id)).toBe('pending');
    expect(
      (await body(await preAuthorizedToken(offer, { authorization_details: JSON.stringify(details(mdl)) }))).authorization_details,
    ).toEqual(described(mdl));
  });
});
