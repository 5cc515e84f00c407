// DESIGN §10: a managed IACA's CRL, served (DER, public) at the distribution point its Document
// Signer certificates name, signed by the IACA, updated on revoke. Parsed and verified with
// @peculiar/x509, not the engine's code.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorityIaca } from '../../support/authority';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { receiveCredential } from '../../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';
import { trustApi, type IacaView } from '../support/trust-api';

let server: CounterServer;
let iaca: IacaView;
let iacaCertificate: x509.X509Certificate;

const CRL_NUMBER = '2.5.29.20';
const crlNumber = (crl: x509.X509Crl) => {
  const value = new Uint8Array(crl.extensions.find((e) => e.type === CRL_NUMBER)!.value);
  return value.subarray(2).reduce((n, byte) => n * 256 + byte, 0);
};

async function fetchCrl(uri: string) {
  const response = await fetch(uri, { headers: { authorization: '' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pkix-crl');
  return new x509.X509Crl(new Uint8Array(await response.arrayBuffer()));
}

beforeAll(async () => {
  server = await startCounter();
  iaca = (await trustApi(server).listIacas()).body.data[0]!;
  iacaCertificate = new x509.X509Certificate(iaca.certificatePem);
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

describe('the CRL of a managed IACA', () => {
  it('is where the IACA and its Document Signer certificates say, public, and verifies against the IACA', async () => {
    expect(iaca.crlUri).toBe(`${server.url}/v2/credentials/mobile/iacas/${iaca.id}/crl`);
    const crlDp = (c: x509.X509Certificate) =>
      c.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints[0]?.distributionPoint?.fullName?.[0]
        ?.uniformResourceIdentifier;
    expect(crlDp(iacaCertificate)).toBe(iaca.crlUri);
    const [current] = (await trustApi(server).listSigners()).body.data;
    expect(crlDp(new x509.X509Certificate(current!.certificatePem!))).toBe(iaca.crlUri);

    const crl = await fetchCrl(iaca.crlUri!);
    expect(await crl.verify({ publicKey: iacaCertificate.publicKey })).toBe(true);
    expect(crl.issuer).toBe(iacaCertificate.subject);
    expect(crl.entries).toHaveLength(0);
    expect(crl.nextUpdate!.getTime()).toBeGreaterThan(Date.now());
    expect(crl.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(
      iacaCertificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId,
    );
  });

  it('lists a revoked Document Signer at once, with a higher cRLNumber; a replacement signs from then on', async () => {
    const before = await fetchCrl(iaca.crlUri!);
    const [old] = (await trustApi(server).listSigners()).body.data;
    const revoked = await trustApi(server).revoke(old!.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revoked: true });
    expect(Date.parse(revoked.body.revocationDate)).toBeGreaterThan(Date.now() - 60_000);
    expect((await trustApi(server).revoke(old!.id)).status).toBe(409);

    const crl = await fetchCrl(iaca.crlUri!);
    expect(await crl.verify({ publicKey: iacaCertificate.publicKey })).toBe(true);
    expect(crl.findRevoked(new x509.X509Certificate(old!.certificatePem!))).not.toBeNull();
    expect(crlNumber(crl)).toBeGreaterThan(crlNumber(before));

    const signers = (await trustApi(server).listSigners()).body.data;
    expect(signers.find((s) => s.id === old!.id)).toMatchObject({ status: 'revoked', active: false, revoked: true, current: false });
    const replacement = signers.find((s) => s.current)!;
    expect(replacement.id).not.toBe(old!.id);
    expect(crl.findRevoked(new x509.X509Certificate(replacement.certificatePem!))).toBeNull();

    const offer = await createMdlOffer(server);
    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const verified = await verifyIssuerSigned(result.issuerSigned, {
      trustedIacaPems: [iaca.certificatePem],
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(
      new x509.X509Certificate(verified.documentSignerCertificatePem).equal(new x509.X509Certificate(replacement.certificatePem!)),
    ).toBe(true);
  });

  it('is not served for an authority IACA, and its Document Signers are revoked by the authority, not here', async () => {
    const authority = await createAuthorityIaca();
    const registered = (await trustApi(server).registerIaca(authority.pem)).body;
    const response = await fetch(`${server.url}/v2/credentials/mobile/iacas/${registered.id}/crl`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
    const pending = (await trustApi(server).createSigner(registered.id)).body;
    const refused = await trustApi(server).revoke(pending.id);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/revoked by that authority/);
  });
});
