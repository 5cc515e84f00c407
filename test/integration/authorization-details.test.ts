// authorization_details end to end (RFC 9396; OID4VCI 1.0 §5.1.1, §6.1, §6.2, §8.2) against the real
// server, driven by the real wallet library (@openid4vc/openid4vci, test/support/wallet and
// authorization-code-wallet): the token response's credential identifiers, a batch of mDocs by
// credential_identifier that the independent verifier (@owf/mdoc) accepts, and today's
// credential_configuration_id for tokens granted without authorization_details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorization } from '../support/authorization-code-wallet';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { credentialForSession, generateDeviceKey, getAccessToken, requestByIdentifier, type DeviceKey } from '../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, MDL_CLAIMS } from './support/fixtures';

const MDL = 'org.iso.18013.5.1.mDL';
const PID = 'eu.europa.ec.eudi.pid.1';
let server: CounterServer;
let mdlId: string;
let pidId: string;
let iacaPems: string[];

beforeAll(async () => {
  server = await startCounter();
  mdlId = await configurationId(server, MDL);
  pidId = await configurationId(server, PID);
  iacaPems = ((await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas.map(
    (i) => i.certificatePem,
  );
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

async function approveByCode(shortCode: string, claims: unknown = MDL_CLAIMS): Promise<void> {
  const list = (await (await server.api('/v1/openid/authorizations?status=pending')).json()) as {
    data: { id: string; shortCode: string }[];
  };
  const found = list.data.find((a) => a.shortCode === shortCode);
  if (!found) throw new Error(`no pending authorization with code ${shortCode}`);
  const approved = await server.api(`/v1/openid/authorizations/${found.id}/approve`, { method: 'POST', json: { claims } });
  expect(approved.status).toBe(200);
}

async function codeOfferUri(credentials: string[]): Promise<string> {
  const response = await server.api('/v1/openid/offers', { method: 'POST', json: { credentials } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { uri: string }).uri;
}

/** The credential response's mDocs, each accepted by the independent verifier and bound to its own key. */
async function verifiedBatch(answer: { status: number; body: Record<string, unknown> }, keys: DeviceKey[], docType: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const credentials = answer.body.credentials as { credential: string }[];
  expect(credentials).toHaveLength(keys.length);
  const verified = [];
  for (const [i, { credential }] of credentials.entries()) {
    const result = await verifyIssuerSigned(Buffer.from(credential, 'base64url'), { trustedIacaPems: iacaPems, docType });
    expect(result.deviceKeyJwk).toMatchObject({ x: keys[i]!.publicJwk.x, y: keys[i]!.publicJwk.y });
    verified.push(result);
  }
  return verified;
}

const detail = (id: string, locations?: string[]) => ({
  type: 'openid_credential',
  credential_configuration_id: id,
  ...(locations ? { locations } : {}),
});

describe('authorization code flow with authorization_details', () => {
  it('advertises the authorization details type in the authorization server metadata (RFC 9396 §10)', async () => {
    const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as.authorization_details_types_supported).toEqual(['openid_credential']);
  });

  it.each([
    ['a pushed authorization request', true],
    ['a plain authorization request', false],
  ])('names credential identifiers in the token response and issues a batch by identifier, through %s', async (_name, usePar) => {
    const pending = await startAuthorization(await codeOfferUri([mdlId]), {
      usePar,
      authorizationDetails: [detail(mdlId, [server.url])],
    });
    await approveByCode(pending.shortCode);
    const session = await pending.token();
    expect(session.tokenResponse.authorization_details).toEqual([
      { type: 'openid_credential', credential_configuration_id: mdlId, locations: [server.url], credential_identifiers: [mdlId] },
    ]);
    const identifier = (session.tokenResponse.authorization_details as { credential_identifiers: string[] }[])[0]!
      .credential_identifiers[0]!;
    const key = await generateDeviceKey();

    // §8.2: the library's own request names the configuration, which this token no longer takes.
    await expect(credentialForSession(session, key)).rejects.toMatchObject({
      step: 'credential',
      status: 400,
      error: 'invalid_credential_request',
    });
    expect(await requestByIdentifier(session, 'CivilEngineeringDegree-2023', [key])).toMatchObject({
      status: 400,
      body: { error: 'unknown_credential_identifier' },
    });

    const keys = [key, await generateDeviceKey()];
    const [first] = await verifiedBatch(await requestByIdentifier(session, identifier, keys), keys, MDL);
    expect(first!.claims['org.iso.18013.5.1']).toMatchObject({ family_name: MDL_CLAIMS.family_name, birth_date: '1990-02-14' });
  });

  it('sends no authorization_details for a request by scope, and credential_configuration_id still works', async () => {
    const pending = await startAuthorization(await codeOfferUri([mdlId]), { scope: MDL });
    await approveByCode(pending.shortCode);
    const session = await pending.token();
    expect(session.tokenResponse).not.toHaveProperty('authorization_details');
    const key = await generateDeviceKey();
    expect(await requestByIdentifier(session, mdlId, [key])).toMatchObject({
      status: 400,
      body: { error: 'unknown_credential_identifier' },
    });
    const result = await credentialForSession(session, key);
    const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: iacaPems, docType: MDL });
    expect(verified.deviceKeyJwk).toMatchObject({ x: key.publicJwk.x });
  });
});

describe('pre-authorized code flow with authorization_details in the token request', () => {
  it('picks one configuration of the offer, issues it by identifier, and the offer is claimed with it', async () => {
    const created = await server.api('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      json: {
        credentials: [mdlId, pidId],
        claims: { ...MDL_CLAIMS, issuance_date: '2026-11-23', expiry_date: '2027-11-23' },
        transactionCodeConfiguration: { inputMode: 'numeric' },
      },
    });
    expect(created.status).toBe(201);
    const offer = (await created.json()) as { id: string; uri: string; transactionCode: number };
    const session = await getAccessToken(offer.uri, {
      txCode: String(offer.transactionCode),
      credentialConfigurationId: pidId,
      authorizationDetails: [detail(pidId, [server.url])],
    });
    expect(session.tokenResponse.authorization_details).toEqual([
      { type: 'openid_credential', credential_configuration_id: pidId, locations: [server.url], credential_identifiers: [pidId] },
    ]);
    const keys = [await generateDeviceKey(), await generateDeviceKey()];
    // The mDL was offered, but not asked for by this token request.
    expect(await requestByIdentifier(session, mdlId, keys)).toMatchObject({
      status: 400,
      body: { error: 'unknown_credential_identifier' },
    });
    const [first] = await verifiedBatch(await requestByIdentifier(session, pidId, keys), keys, PID);
    expect(first!.claims[PID]).toMatchObject({ family_name: MDL_CLAIMS.family_name, issuing_country: 'NZ' });
    const status = ((await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as { status: string }).status;
    expect(status).toBe('claimed');
  });

  it('refuses details for a configuration the offer does not include, and the code still works without them', async () => {
    const created = await server.api('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      json: { credentials: [mdlId], claims: MDL_CLAIMS },
    });
    const offer = (await created.json()) as { uri: string };
    await expect(getAccessToken(offer.uri, { authorizationDetails: [detail(pidId)] })).rejects.toMatchObject({
      step: 'token',
      status: 400,
      body: { error: 'invalid_authorization_details' },
    });
    const result = await credentialForSession(await getAccessToken(offer.uri));
    expect((await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: iacaPems, docType: MDL })).docType).toBe(MDL);
  });
});
