// The whole pre-authorized flow against the real server: a real OpenID4VCI wallet client
// (test/support/wallet) and an independent mDoc verifier (@owf/mdoc, test/support/mdoc-verifier).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveCredential, sendNotification } from '../support/wallet';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { createMdlOffer, MDL_CLAIMS, PORTRAIT_BASE64 } from './support/fixtures';

let server: CounterServer;
let iacaPems: string[];

beforeAll(async () => {
  server = await startCounter();
  const iacas = (await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { id: string; certificatePem: string }[] };
  iacaPems = iacas.iacas.map((i) => i.certificatePem);
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

const offerStatus = async (id: string) =>
  ((await (await server.api(`/v1/openid/offers/pre-authorized/${id}`)).json()) as { status: string; claimedAt?: string }).status;

describe('pre-authorized mDL issuance', () => {
  it('issues an mDL that an independent verifier accepts, bound to the wallet key', async () => {
    const offer = await createMdlOffer(server);
    expect(typeof offer.transactionCode).toBe('number');
    expect(String(offer.transactionCode)).toMatch(/^[1-9]\d{5}$/);

    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: iacaPems, docType: 'org.iso.18013.5.1.mDL' });

    expect(verified.deviceKeyJwk).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      x: result.deviceKey.publicJwk.x,
      y: result.deviceKey.publicJwk.y,
    });
    const mdl = verified.claims['org.iso.18013.5.1']!;
    expect(mdl.family_name).toBe(MDL_CLAIMS.family_name);
    expect(mdl.given_name).toBe(MDL_CLAIMS.given_name);
    expect(mdl.birth_date).toBe('1990-02-14'); // full-date, tag 1004
    expect(mdl.age_over_18).toBe(true);
    expect(Buffer.from(mdl.portrait as Uint8Array).toString('base64')).toBe(PORTRAIT_BASE64);
    expect(mdl.issuing_country).toBe('NZ'); // the signing IACA's country (COUNTER_COUNTRY's default)
    expect(mdl.driving_privileges).toEqual([{ vehicle_category_code: 'B' }]);
    // Clock-skew policy: valid from an hour back, so a verifier whose clock is behind ours accepts it.
    expect(verified.validityInfo.validFrom.getTime()).toBeLessThanOrEqual(Date.now() - 55 * 60_000);
    expect(verified.validityInfo.validUntil.getTime()).toBeGreaterThan(Date.now() + 360 * 24 * 3600 * 1000);

    expect(await offerStatus(offer.id)).toBe('claimed');
    await sendNotification(result, 'credential_accepted');
    expect(await offerStatus(offer.id)).toBe('accepted');
  });

  it('issues through a by-reference offer and marks the offer scanned', async () => {
    const offer = await createMdlOffer(server, { offerBy: 'reference' });
    const uri = new URL(offer.uri);
    expect(uri.searchParams.get('credential_offer_uri')).toMatch(new RegExp(`^${server.url}/v1/openid/credential-offers/`));
    expect(offer.uri.length).toBeLessThan(200);

    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: iacaPems, docType: 'org.iso.18013.5.1.mDL' });
    const summary = (await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as {
      scannedAt?: string;
      status: string;
    };
    expect(summary.scannedAt).toBeDefined();
    expect(summary.status).toBe('claimed');
    // Once redeemed, the reference no longer serves the offer.
    const again = await fetch(uri.searchParams.get('credential_offer_uri')!);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('issues an EU PID with a text transaction code', async () => {
    const configurations = (await (await server.api('/v2/credentials/mobile/configurations')).json()) as {
      data: { id: string; type: string }[];
    };
    const pid = configurations.data.find((c) => c.type === 'eu.europa.ec.eudi.pid.1')!;
    const created = await server.api('/v1/openid/offers/pre-authorized', {
      method: 'POST',
      json: {
        credentials: [pid.id],
        claims: {
          family_name: 'Doe',
          given_name: 'Jane',
          birth_date: '1985-07-01',
          issuance_date: '2026-11-23',
          expiry_date: '2027-11-23',
        },
        transactionCodeConfiguration: { inputMode: 'text', description: 'Code shown on the counter screen' },
      },
    });
    expect(created.status).toBe(201);
    const offer = (await created.json()) as { uri: string; transactionCode: string };
    expect(offer.transactionCode).toMatch(/^[A-Z2-9]{6}$/);
    const txCode = JSON.parse(new URL(offer.uri).searchParams.get('credential_offer')!).grants[
      'urn:ietf:params:oauth:grant-type:pre-authorized_code'
    ].tx_code;
    expect(txCode).toEqual({ length: 6, input_mode: 'text', description: 'Code shown on the counter screen' });

    const result = await receiveCredential(offer.uri, { txCode: offer.transactionCode });
    const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: iacaPems, docType: 'eu.europa.ec.eudi.pid.1' });
    expect(verified.claims['eu.europa.ec.eudi.pid.1']).toMatchObject({
      family_name: 'Doe',
      birth_date: '1985-07-01',
      issuing_country: 'NZ',
    });
  });

  it('records START and SUCCESS events without claim values, codes or tokens', async () => {
    const offer = await createMdlOffer(server, { userId: 'clerk-7' });
    await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const response = await server.api('/v1/analytics/events?limit=1000');
    const { data } = (await response.json()) as {
      data: { type: string; category: string; requestIp: string; data: Record<string, unknown> }[];
    };
    const types = data.map((e) => e.type);
    for (const op of ['OPENID_PRE_AUTHORIZED_OFFER_CREATE', 'OPENID_TOKEN', 'OPENID_CREDENTIAL']) {
      expect(types).toContain(`${op}_START`);
      expect(types).toContain(`${op}_SUCCESS`);
    }
    expect(data.every((e) => e.category === 'openid')).toBe(true);
    expect(data.some((e) => e.requestIp.includes('127.0.0.1'))).toBe(true);
    const everything = JSON.stringify(data);
    expect(everything).not.toContain(MDL_CLAIMS.family_name);
    expect(everything).not.toContain(String(offer.transactionCode));
    expect(everything).not.toContain(new URL(offer.uri).searchParams.get('credential_offer')!.slice(-40));
  });

  it('publishes metadata that names our endpoints and the mso_mdoc configurations', async () => {
    const issuer = (await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>;
    expect(issuer).toMatchObject({
      credential_issuer: server.url,
      credential_endpoint: `${server.url}/v1/openid/credential`,
      nonce_endpoint: `${server.url}/v1/openid/nonce`,
      notification_endpoint: `${server.url}/v1/openid/notification`,
      mdoc_iacas_uri: `${server.url}/v1/mdoc/iacas`,
    });
    const configurations = Object.values(issuer.credential_configurations_supported as Record<string, Record<string, unknown>>);
    expect(configurations.map((c) => c.doctype)).toEqual(expect.arrayContaining(['org.iso.18013.5.1.mDL', 'eu.europa.ec.eudi.pid.1']));
    expect(configurations[0]).toMatchObject({
      format: 'mso_mdoc',
      cryptographic_binding_methods_supported: ['cose_key'],
      credential_signing_alg_values_supported: [-7, -9],
    });
    const as = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      issuer: server.url,
      token_endpoint: `${server.url}/v1/oauth/token`,
      'pre-authorized_grant_anonymous_access_supported': true,
    });
  });
});
