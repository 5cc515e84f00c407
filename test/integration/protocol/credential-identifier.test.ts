// credential_identifier at the credential endpoint (OID4VCI 1.0 §8.2): REQUIRED after a token
// response with authorization_details (§6.2), and then the only way to name the credential; for a
// token granted without them it names nothing (unknown_credential_identifier), as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { MDL_CLAIMS } from '../support/fixtures';
import {
  approvedCode,
  MDL_DOCTYPE,
  oauthError,
  PID_DOCTYPE,
  PRE_AUTHORIZED_GRANT,
  startInProcess,
  type InProcessCounter,
} from './support/in-process';
import { credentialRequest, freshNonce, newHolderKey, proofJwt, type HolderKey } from './support/proofs';

let counter: InProcessCounter;
let mdl: string;
let pid: string;
let iacaPems: string[];
beforeAll(async () => {
  counter = await startInProcess();
  mdl = counter.configurationId(MDL_DOCTYPE);
  pid = counter.configurationId(PID_DOCTYPE);
  iacaPems = ((await (await counter.request('/v1/mdoc/iacas')).json()) as { iacas: { certificatePem: string }[] }).iacas.map(
    (i) => i.certificatePem,
  );
});
afterAll(() => counter.close());

const BOTH_CLAIMS = { ...MDL_CLAIMS, issuance_date: '2026-11-23', expiry_date: '2027-11-23' };
const details = (...ids: string[]) => JSON.stringify(ids.map((id) => ({ type: 'openid_credential', credential_configuration_id: id })));

interface Token {
  access_token: string;
  authorization_details?: { credential_configuration_id: string; credential_identifiers: string[] }[];
}

/** An access token from the authorization code flow, the request naming the mDL by authorization_details or by scope. */
async function codeToken(naming: 'details' | 'scope'): Promise<Token> {
  const approved = await approvedCode(
    counter,
    naming === 'details' ? { scope: null, authorizationDetails: [{ type: 'openid_credential', credential_configuration_id: mdl }] } : {},
  );
  const response = await counter.postForm('/v1/oauth/token', {
    grant_type: 'authorization_code',
    code: approved.code,
    code_verifier: approved.verifier,
    redirect_uri: approved.redirectUri,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Token;
}

const proofs = async (...holders: HolderKey[]) => ({
  jwt: await Promise.all(holders.map(async (h) => proofJwt(counter, h, { nonce: await freshNonce(counter) }))),
});

/** The mDocs of a successful answer, each checked by the independent verifier and bound to its own holder key. */
async function verifiedCopies(response: Response, holders: HolderKey[], docType: string) {
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { credentials: { credential: string }[] };
  expect(answer.credentials).toHaveLength(holders.length);
  for (const [i, { credential }] of answer.credentials.entries()) {
    const verified = await verifyIssuerSigned(Buffer.from(credential, 'base64url'), {
      trustedIacaPems: iacaPems,
      docType,
      now: new Date(counter.now()),
    });
    expect(verified.deviceKeyJwk).toMatchObject({ x: holders[i]!.publicJwk.x, y: holders[i]!.publicJwk.y });
  }
  return answer;
}

describe('credential_identifier after a token response with authorization_details', () => {
  it('issues a batch by the credential identifier of the token response, one mDoc per proof', async () => {
    const token = await codeToken('details');
    const identifier = token.authorization_details![0]!.credential_identifiers[0]!;
    const holders = [await newHolderKey(), await newHolderKey()];
    const response = await credentialRequest(counter, token.access_token, {
      credential_identifier: identifier,
      proofs: await proofs(...holders),
    });
    const answer = await verifiedCopies(response, holders, MDL_DOCTYPE);
    expect(answer).not.toHaveProperty('credential');
  });

  it('refuses any other way of naming the credential, and an identifier the token does not have, without using anything up', async () => {
    const token = await codeToken('details');
    const identifier = token.authorization_details![0]!.credential_identifiers[0]!;
    const holder = await newHolderKey();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ credential_configuration_id: mdl }, 'invalid_credential_request', /credential_identifiers, not by credential_configuration_id/],
      [{ format: 'mso_mdoc', doctype: MDL_DOCTYPE }, 'invalid_credential_request', /credential_identifiers/],
      [{ credential_identifier: identifier, credential_configuration_id: mdl }, 'invalid_credential_request', /on its own/],
      [{ credential_identifier: identifier, format: 'mso_mdoc' }, 'invalid_credential_request', /on its own/],
      [{ credential_identifier: 'no-such-identifier' }, 'unknown_credential_identifier', /no such credential identifier/],
      // A configuration the issuer has, but this token's response did not describe.
      [{ credential_identifier: pid }, 'unknown_credential_identifier', /no such credential identifier/],
      [{ credential_identifier: '' }, 'invalid_credential_request', /credential_identifier/],
      [{ credential_identifier: 42 }, 'invalid_credential_request', /credential_identifier/],
    ];
    for (const [naming, error, description] of cases) {
      expect(
        await oauthError(await credentialRequest(counter, token.access_token, { ...naming, proofs: await proofs(holder) })),
        JSON.stringify(naming),
      ).toMatchObject({ status: 400, error, error_description: expect.stringMatching(description), cache: 'no-store' });
    }
    await verifiedCopies(
      await credentialRequest(counter, token.access_token, { credential_identifier: identifier, proofs: await proofs(holder) }),
      [holder],
      MDL_DOCTYPE,
    );
  });

  it('keeps today’s rules for a token granted by scope: credential_configuration_id, and no identifiers', async () => {
    const token = await codeToken('scope');
    expect(token).not.toHaveProperty('authorization_details');
    const holder = await newHolderKey();
    expect(
      await oauthError(await credentialRequest(counter, token.access_token, { credential_identifier: mdl, proofs: await proofs(holder) })),
    ).toMatchObject({
      status: 400,
      error: 'unknown_credential_identifier',
      error_description: expect.stringMatching(/credential_configuration_id/),
    });
    await verifiedCopies(
      await credentialRequest(counter, token.access_token, { credential_configuration_id: mdl, proofs: await proofs(holder) }),
      [holder],
      MDL_DOCTYPE,
    );
  });

  it('issues only what the pre-authorized token request picked, and claims the offer once that is issued', async () => {
    const offer = await counter.createOffer({ credentials: [mdl, pid], claims: BOTH_CLAIMS });
    const response = await counter.postForm('/v1/oauth/token', {
      grant_type: PRE_AUTHORIZED_GRANT,
      'pre-authorized_code': offer.code,
      tx_code: offer.txCode!,
      authorization_details: details(pid),
    });
    const token = (await response.json()) as Token;
    expect(token.authorization_details?.map((d) => d.credential_identifiers)).toEqual([[pid]]);
    const holder = await newHolderKey();
    // The mDL was offered, but this token's response did not describe it.
    expect(
      await oauthError(await credentialRequest(counter, token.access_token, { credential_identifier: mdl, proofs: await proofs(holder) })),
    ).toMatchObject({ status: 400, error: 'unknown_credential_identifier' });
    expect(await counter.offerStatus(offer.id)).toBe('token_issued');
    const answer = await verifiedCopies(
      await credentialRequest(counter, token.access_token, { credential_identifier: pid, proofs: await proofs(holder) }),
      [holder],
      PID_DOCTYPE,
    );
    expect(answer).toMatchObject({ notification_id: expect.any(String) });
    // Everything this token may issue is issued: the offer is claimed and the holder's data gone (DESIGN §9).
    expect(await counter.offerStatus(offer.id)).toBe('claimed');
  });
});
