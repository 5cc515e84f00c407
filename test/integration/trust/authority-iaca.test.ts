// DESIGN §10: a kiosk signing under an issuing authority's IACA, made outside Counter (node:crypto +
// @peculiar/x509 in test/support/authority.ts): register it, get a CSR, have the authority sign it,
// install, issue to the real wallet client; the independent verifier accepts the mDoc against that
// IACA only. Each broken Annex B rule is a 400 that names it. A restart keeps the chain.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorityIaca, signDocumentSignerCsr, type Authority } from '../../support/authority';
import { MdocVerificationError, verifyIssuerSigned } from '../../support/mdoc-verifier';
import { receiveCredential } from '../../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';
import { publicIacaPems, trustApi, type DocumentSignerView, type IacaView } from '../support/trust-api';

const MDL = 'org.iso.18013.5.1.mDL';
let server: CounterServer;
let authority: Authority;
let managed: IacaView;
let registered: IacaView;
let signer: DocumentSignerView;

async function issueAndVerify(trusted: string[]) {
  const offer = await createMdlOffer(server);
  const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
  return verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: trusted, docType: MDL });
}

beforeAll(async () => {
  server = await startCounter();
  authority = await createAuthorityIaca({ country: 'DE', commonName: 'Landesamt Test IACA' });
  managed = (await trustApi(server).listIacas()).body.data[0]!;
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

describe("an authority's IACA, from registration to a verified mDoc", () => {
  it('registers the IACA after the Annex B.1.2 checks, inactive, in MATTR shape', async () => {
    const answer = await trustApi(server).registerIaca(authority.pem);
    expect(answer.status).toBe(201);
    registered = answer.body;
    expect(registered).toMatchObject({
      active: false,
      managed: false,
      certificateData: { country: 'DE', commonName: 'Landesamt Test IACA' },
      certificateFingerprint: Buffer.from(await crypto.subtle.digest('SHA-256', authority.certificate.rawData)).toString('hex'),
    });
    expect(new x509.X509Certificate(registered.certificatePem).equal(authority.certificate)).toBe(true);
    expect((await trustApi(server).registerIaca(authority.pem)).status).toBe(409); // once
  });

  it('creates a Document Signer: a key and a PKCS#10 CSR, inactive until the certificate comes', async () => {
    const answer = await trustApi(server).createSigner(registered.id);
    expect(answer.status).toBe(201);
    signer = answer.body;
    expect(signer).toMatchObject({ iacaId: registered.id, active: false, managed: false, status: 'pending', keyCustody: 'file' });
    const csr = new x509.Pkcs10CertificateRequest(signer.csrPem);
    expect(await csr.verify()).toBe(true);
    expect(csr.subject).toBe('C=DE, CN=Counter Document Signer');
  });

  it('refuses certificates that break Annex B, each rule named, and stays pending', async () => {
    const other = await createAuthorityIaca({ country: 'DE', commonName: 'Landesamt Test IACA' });
    const strangerKey = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const cases: [string, Promise<string>, RegExp][] = [
      [
        'wrong key',
        signDocumentSignerCsr(authority, signer.csrPem, { publicKey: strangerKey.publicKey }),
        /B\.1\.4 subjectPublicKeyInfo: .*another key/,
      ],
      ['wrong CA', signDocumentSignerCsr(other, signer.csrPem), /B\.1\.4 issuer: the certificate was not issued by this IACA/],
      [
        'no EKU',
        signDocumentSignerCsr(authority, signer.csrPem, { extendedKeyUsage: null }),
        /B\.1\.4 extKeyUsage: .*1\.0\.18013\.5\.1\.2/,
      ],
      ['600-day validity', signDocumentSignerCsr(authority, signer.csrPem, { validityDays: 600 }), /B\.1\.4 validity: .*at most 457 days/],
      [
        'country mismatch',
        signDocumentSignerCsr(authority, signer.csrPem, { country: 'FR' }),
        /B\.1\.4 subject countryName: .*IACA's \("DE"\)/,
      ],
    ];
    for (const [name, pem, rule] of cases) {
      const answer = await trustApi(server).install(signer.id, await pem);
      expect(answer.status, name).toBe(400);
      expect(answer.body.code, name).toBe('BadRequest');
      expect(answer.body.message).toMatch(/Annex B\.1\.4/);
      expect(answer.body.details!.map((d) => d.msg).join('\n'), name).toMatch(rule);
      expect(
        answer.body.details!.every((d) => d.param === 'certificatePem' && /^ISO 18013-5 Annex B\.1\.4 /.test(d.msg)),
        name,
      ).toBe(true);
    }
    const nonCa = await createAuthorityIaca({ ca: false });
    const refused = await trustApi(server).registerIaca(nonCa.pem);
    expect(refused.status).toBe(400);
    expect(refused.body.details!.map((d) => d.msg)).toEqual([
      'ISO 18013-5 Annex B.1.2 basicConstraints: the certificate is not a CA: basicConstraints must be present with cA true',
    ]);
    const still = (await trustApi(server).listSigners()).body.data.find((s) => s.id === signer.id)!;
    expect(still).toMatchObject({ status: 'pending', active: false });
    expect(still.certificatePem).toBeUndefined();
  });

  it('installs the authority-signed certificate; once the IACA is on, new mDocs verify against that IACA only', async () => {
    const certificatePem = await signDocumentSignerCsr(authority, signer.csrPem);
    const installed = await trustApi(server).install(signer.id, certificatePem);
    expect(installed.status).toBe(200);
    expect(installed.body).toMatchObject({ active: true, status: 'active', current: false }); // its IACA is still off
    expect((await trustApi(server).install(signer.id, certificatePem)).status).toBe(409);

    // The managed IACA cannot be switched off while it is the only one that can sign.
    expect((await trustApi(server).setIacaActive(managed.id, false)).status).toBe(409);
    expect((await trustApi(server).setIacaActive(registered.id, true)).body.active).toBe(true);
    expect((await trustApi(server).setIacaActive(managed.id, false)).body.active).toBe(false);
    expect((await trustApi(server).listSigners()).body.data.find((s) => s.id === signer.id)?.current).toBe(true);
    expect(await publicIacaPems(server)).toEqual([registered.certificatePem]);

    const verified = await issueAndVerify([authority.pem]);
    expect(new x509.X509Certificate(verified.documentSignerCertificatePem).equal(new x509.X509Certificate(certificatePem))).toBe(true);
    expect(verified.claims['org.iso.18013.5.1']!.issuing_country).toBe('DE'); // the IACA's country (Annex B.1.4)
    await expect(issueAndVerify([managed.certificatePem])).rejects.toThrow(MdocVerificationError);
  });

  it('records each step in the analytics events', async () => {
    const events = (await (await server.api('/v1/analytics/events?limit=200')).json()) as { data: { type: string }[] };
    const types = new Set(events.data.map((e) => e.type));
    for (const type of [
      'MOBILE_CREDENTIAL_IACA_CREATE_SUCCESS',
      'MOBILE_CREDENTIAL_IACA_CREATE_FAIL',
      'MOBILE_CREDENTIAL_IACA_UPDATE_SUCCESS',
      'MOBILE_CREDENTIAL_IACA_UPDATE_FAIL',
      'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE_SUCCESS',
      'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_UPDATE_FAIL',
      'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_UPDATE_SUCCESS',
    ])
      expect(types, type).toContain(type);
  });

  it('keeps the chain across a restart', async () => {
    await server.stop();
    server = await startCounter({ dataDir: server.dataDir, adminToken: server.adminToken });
    const settings = (await (await server.api('/v1/counter/settings')).json()) as { trust: { documentSigner?: { id: string } } };
    expect(settings.trust.documentSigner?.id).toBe(signer.id);
    expect(await publicIacaPems(server)).toEqual([registered.certificatePem]);
    await issueAndVerify([authority.pem]);
  });
});
