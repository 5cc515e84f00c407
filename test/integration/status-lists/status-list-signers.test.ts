// DESIGN §10–11 over real HTTP: Status List Tokens are signed by a status-list signer under the same
// IACA as the Document Signer (managed: made and renewed by the kiosk; an authority's IACA: key + CSR,
// the authority's certificate checked, then installed), or by the Document Signer's own certificate
// when the setting says so. Tokens are checked by test/support/status-list-check.ts, independent of
// the engine; certificates and the CRL are read with @peculiar/x509.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorityIaca, signDocumentSignerCsr, type Authority } from '../../support/authority';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { checkStatusListToken, statusOfIssuerSigned, type StatusReference } from '../../support/status-list-check';
import { receiveCredential } from '../../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';
import { publicIacaPems, trustApi, type DocumentSignerView, type IacaView } from '../support/trust-api';

const MDL = 'org.iso.18013.5.1.mDL';
let server: CounterServer;
let managed: IacaView;

interface Overview {
  signWith: string;
  signer?: { kind: string; id: string };
  warnings: { code: string; message: string }[];
}

const overview = async () => (await (await server.api('/v1/counter/status-lists')).json()) as Overview;
const setSignWith = (signWith: string) => server.api('/v1/counter/status-lists', { method: 'PUT', json: { signWith } });
const sameCertificate = (a: x509.X509Certificate, pem: string) => a.equal(new x509.X509Certificate(pem));

async function issue(trusted: string[]): Promise<{ status: StatusReference; documentSignerPem: string }> {
  const offer = await createMdlOffer(server);
  const wallet = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
  const verified = await verifyIssuerSigned(wallet.issuerSigned, { trustedIacaPems: trusted, docType: MDL });
  return { status: statusOfIssuerSigned(wallet.issuerSigned)!, documentSignerPem: verified.documentSignerCertificatePem };
}

async function token(status: StatusReference, iacaPem: string) {
  const response = await fetch(status.uri);
  expect(response.status).toBe(200);
  return checkStatusListToken(new Uint8Array(await response.arrayBuffer()), iacaPem);
}

beforeAll(async () => {
  server = await startCounter();
  managed = (await trustApi(server).listIacas()).body.data[0]!;
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

describe('status-list signers under a managed IACA', () => {
  let first: DocumentSignerView;
  let status: StatusReference;

  it('are made by the kiosk beside the Document Signer, and sign the tokens', async () => {
    const signers = (await trustApi(server, 'status-list-signers').listSigners()).body.data;
    expect(signers).toHaveLength(1);
    first = signers[0]!;
    expect(first).toMatchObject({ iacaId: managed.id, managed: true, active: true, status: 'active', current: true, keyCustody: 'file' });
    // The Document Signers' collection does not show it, and the other way round.
    const documentSigners = (await trustApi(server).listSigners()).body.data;
    expect(documentSigners.map((s) => s.id)).not.toContain(first.id);
    expect((await trustApi(server, 'status-list-signers').listSigners()).body.data.map((s) => s.id)).not.toContain(documentSigners[0]!.id);

    const certificate = new x509.X509Certificate(first.certificatePem!);
    expect(certificate.subject).toBe('C=NZ, CN=Counter Status List Signer');
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)).toBeNull(); // not a Document Signer
    expect(certificate.getExtension(x509.KeyUsagesExtension)).toMatchObject({
      usages: x509.KeyUsageFlags.digitalSignature,
      critical: true,
    });
    expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca ?? false).toBe(false);

    ({ status } = await issue([managed.certificatePem]));
    const checked = await token(status, managed.certificatePem);
    expect(sameCertificate(checked.signerCertificate, first.certificatePem!)).toBe(true);
    expect(await overview()).toMatchObject({
      signWith: 'status-list-signer',
      signer: { kind: 'status-list-signer', id: first.id },
      warnings: [],
    });
  });

  it("signs with the Document Signer's own certificate when the setting says so, at once", async () => {
    const before = await token(status, managed.certificatePem);
    const answer = await setSignWith('document-signer');
    expect(answer.status).toBe(200);
    const { documentSignerPem } = await issue([managed.certificatePem]);
    const after = await token(status, managed.certificatePem);
    expect(sameCertificate(after.signerCertificate, documentSignerPem)).toBe(true);
    expect(after.iat).toBeGreaterThan(before.iat);
    expect(await overview()).toMatchObject({ signWith: 'document-signer', signer: { kind: 'document-signer' } });

    const bad = await setSignWith('iaca');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BadRequest', details: [expect.objectContaining({ param: 'signWith' })] });
    expect(
      (await server.api('/v1/counter/status-lists', { method: 'PUT', json: { signWith: 'document-signer' }, token: null })).status,
    ).toBe(401);
    expect((await setSignWith('status-list-signer')).status).toBe(200);
    expect(sameCertificate((await token(status, managed.certificatePem)).signerCertificate, first.certificatePem!)).toBe(true);
  });

  it("once revoked, is on the IACA's CRL and replaced, and the tokens are signed by the new one", async () => {
    const revoked = await trustApi(server, 'status-list-signers').revoke(first.id);
    expect(revoked.status).toBe(200);
    const crl = new x509.X509Crl(new Uint8Array(await (await fetch(managed.crlUri!)).arrayBuffer()));
    expect(crl.entries.map((e) => e.serialNumber)).toContain(new x509.X509Certificate(first.certificatePem!).serialNumber);
    const signers = (await trustApi(server, 'status-list-signers').listSigners()).body.data;
    const replacement = signers.find((s) => s.current)!;
    expect(replacement.id).not.toBe(first.id);
    expect(signers.find((s) => s.id === first.id)).toMatchObject({ status: 'revoked', active: false, current: false });
    expect(sameCertificate((await token(status, managed.certificatePem)).signerCertificate, replacement.certificatePem!)).toBe(true);
    expect((await trustApi(server, 'status-list-signers').revoke(first.id)).status).toBe(409);
    expect((await trustApi(server, 'status-list-signers').revoke(crypto.randomUUID())).status).toBe(404);
  });
});

describe("status-list signers under an authority's IACA (CSR flow)", () => {
  let authority: Authority;
  let registered: IacaView;
  let pending: DocumentSignerView;
  let status: StatusReference;

  it('sign with the Document Signer, and say so, until the authority certified one', async () => {
    authority = await createAuthorityIaca({ country: 'DE', commonName: 'Landesamt Test IACA' });
    registered = (await trustApi(server).registerIaca(authority.pem)).body;
    const documentSigner = (await trustApi(server).createSigner(registered.id)).body;
    expect((await trustApi(server).install(documentSigner.id, await signDocumentSignerCsr(authority, documentSigner.csrPem))).status).toBe(
      200,
    );
    expect((await trustApi(server).setIacaActive(registered.id, true)).status).toBe(200);
    expect((await trustApi(server).setIacaActive(managed.id, false)).status).toBe(200);
    expect(await publicIacaPems(server)).toEqual([registered.certificatePem]);

    let documentSignerPem: string;
    ({ status, documentSignerPem } = await issue([authority.pem]));
    const checked = await token(status, authority.pem);
    expect(sameCertificate(checked.signerCertificate, documentSignerPem)).toBe(true);
    const now = await overview();
    expect(now).toMatchObject({ signWith: 'status-list-signer', signer: { kind: 'document-signer', id: documentSigner.id } });
    expect(now.warnings).toEqual([
      expect.objectContaining({ code: 'DocumentSignerSigns', message: expect.stringMatching(/No status-list signer can sign/) }),
    ]);
  });

  it('get a key and a CSR; the certificate is checked against the profile, each broken rule named', async () => {
    const created = await trustApi(server, 'status-list-signers').createSigner(registered.id);
    expect(created.status).toBe(201);
    pending = created.body;
    expect(pending).toMatchObject({ iacaId: registered.id, managed: false, active: false, status: 'pending', current: false });
    const csr = new x509.Pkcs10CertificateRequest(pending.csrPem);
    expect(await csr.verify()).toBe(true);
    expect(csr.subject).toBe('C=DE, CN=Counter Status List Signer');

    const other = await createAuthorityIaca({ country: 'DE' });
    const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const plain = { extendedKeyUsage: null, issuerAltName: false, crlUri: null } as const;
    const cases: [string, Promise<string>, RegExp][] = [
      [
        'wrong key',
        signDocumentSignerCsr(authority, pending.csrPem, { ...plain, publicKey: stranger.publicKey }),
        /subjectPublicKeyInfo: .*another key/,
      ],
      ['wrong CA', signDocumentSignerCsr(other, pending.csrPem, plain), /issuer: the certificate was not issued by this IACA/],
      ['1,200 days', signDocumentSignerCsr(authority, pending.csrPem, { ...plain, validityDays: 1200 }), /validity: .*at most 1187 days/],
      ['keyCertSign', signDocumentSignerCsr(authority, pending.csrPem, { ...plain, keyUsage: x509.KeyUsageFlags.keyCertSign }), /keyUsage/],
      ['country', signDocumentSignerCsr(authority, pending.csrPem, { ...plain, country: 'FR' }), /countryName: .*IACA's \("DE"\)/],
    ];
    for (const [name, pem, rule] of cases) {
      const answer = await trustApi(server, 'status-list-signers').install(pending.id, await pem);
      expect(answer.status, name).toBe(400);
      expect(answer.body.message, name).toMatch(/Status List Signer/);
      expect(answer.body.details!.map((d) => d.msg).join('\n'), name).toMatch(rule);
    }
    expect((await trustApi(server, 'status-list-signers').listSigners()).body.data.find((s) => s.id === pending.id)?.status).toBe(
      'pending',
    );
  });

  it('installed, sign the tokens under that IACA at once; an authority revokes on its own CRL', async () => {
    // The profile asks for no extKeyUsage, issuerAltName or CRL distribution point; an authority may still add them.
    const certificatePem = await signDocumentSignerCsr(authority, pending.csrPem, {
      extendedKeyUsage: null,
      issuerAltName: false,
      crlUri: null,
    });
    const installed = await trustApi(server, 'status-list-signers').install(pending.id, certificatePem);
    expect(installed.status).toBe(200);
    expect(installed.body).toMatchObject({ active: true, status: 'active', current: true });
    const checked = await token(status, authority.pem);
    expect(sameCertificate(checked.signerCertificate, certificatePem)).toBe(true);
    expect((await overview()).warnings).toEqual([]);
    expect((await trustApi(server, 'status-list-signers').revoke(pending.id)).status).toBe(409);

    // Switched off: the Document Signer signs again.
    expect((await trustApi(server, 'status-list-signers').setSignerActive(pending.id, false)).status).toBe(200);
    expect((await overview()).signer?.kind).toBe('document-signer');
  });

  it('records each step in the analytics events', async () => {
    const events = (await (await server.api('/v1/analytics/events?limit=300')).json()) as { data: { type: string }[] };
    const types = new Set(events.data.map((e) => e.type));
    for (const type of [
      'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_CREATE_SUCCESS',
      'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_UPDATE_FAIL',
      'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_UPDATE_SUCCESS',
      'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_REVOKE_SUCCESS',
      'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_REVOKE_FAIL',
      'MOBILE_CREDENTIAL_STATUS_LIST_SETTINGS_UPDATE_SUCCESS',
      'MOBILE_CREDENTIAL_STATUS_LIST_SETTINGS_UPDATE_FAIL',
    ])
      expect(types, type).toContain(type);
  });
});
