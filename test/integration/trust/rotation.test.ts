// DESIGN §10 rotation with a moved clock: the real engine in process behind a real listener, the
// real wallet client and the independent verifier at each moment. A managed IACA's Document Signer
// is replaced before it ends with an overlap; an authority's is flagged ("needs a new certificate
// by …") until the new certificate is installed. Never a moment without an active Document Signer.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/host/create-engine';
import { listen, type Listener } from '../../../electron/engine/host/listen';
import { createAuthorityIaca, signDocumentSignerCsr } from '../../support/authority';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { receiveCredential } from '../../support/wallet';
import { newDataDir, removeDataDir, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';
import { trustApi, type DocumentSignerView } from '../support/trust-api';

const DAY = 86_400_000;
const TOKEN = 'rotation-test-admin-token-0123456789';
let now = Date.now();
let engine: Engine;
let listener: Listener;
let dataDir: string;
let server: CounterServer;

beforeAll(async () => {
  dataDir = newDataDir();
  listener = await listen({ host: '127.0.0.1', port: 0 }, () => engine?.app.fetch);
  engine = await createEngine({
    dataDir,
    publicUrl: listener.url,
    adminToken: TOKEN,
    clock: { now: () => now },
    log: () => {},
    // The wallet's proofs carry today's iat while the kiosk's clock moves on by years.
    settings: { proofMaxAgeSeconds: 4 * 365 * 86_400 },
  });
  const api = (path: string, init: RequestInit & { json?: unknown; token?: string | null } = {}) => {
    const { json, headers, ...rest } = init;
    return fetch(listener.url + path, {
      ...rest,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(headers as object),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  server = { url: listener.url, dataDir, adminToken: TOKEN, api } as unknown as CounterServer;
});
afterAll(async () => {
  await listener.close();
  await engine.close();
  removeDataDir(dataDir);
});

/** What the maintenance timer does every 30 s, at the moved time. */
const tick = async (to: number) => {
  now = to;
  await engine.context.trust.maintain();
};
const signers = async () => (await trustApi(server).listSigners()).body.data;
const current = async () => (await signers()).find((s) => s.current);
const summary = async () =>
  (
    (await (await server.api('/v1/counter/settings')).json()) as {
      trust: { documentSigner?: { id: string; notAfter: string }; notices: Record<string, string>[] };
    }
  ).trust;

/** Issues one mDL to the real wallet and checks it with the verifier at the kiosk's moved time. */
async function issueAt(trusted: string[], expectedSigner: DocumentSignerView) {
  const offer = await createMdlOffer(server);
  const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
  const verified = await verifyIssuerSigned(result.issuerSigned, {
    trustedIacaPems: trusted,
    docType: 'org.iso.18013.5.1.mDL',
    now: new Date(now),
  });
  expect(
    new x509.X509Certificate(verified.documentSignerCertificatePem).equal(new x509.X509Certificate(expectedSigner.certificatePem!)),
  ).toBe(true);
}

describe('a managed IACA', () => {
  it('gets a new Document Signer before the old one ends, and both overlap', async () => {
    const iaca = (await trustApi(server).listIacas()).body.data[0]!;
    const first = (await current())!;
    const firstEnd = Date.parse(new x509.X509Certificate(first.certificatePem!).notAfter.toISOString());
    const renewAt = firstEnd - engine.context.trust.policy.renewBeforeMs;

    await tick(renewAt - 3_600_000);
    expect((await current())?.id).toBe(first.id);
    await issueAt([iaca.certificatePem], first);

    await tick(renewAt + 3_600_000);
    const second = (await current())!;
    expect(second.id).not.toBe(first.id);
    expect((await signers()).find((s) => s.id === first.id)).toMatchObject({ status: 'active', current: false }); // still valid: the overlap
    expect((await summary()).notices).toEqual([]);
    await issueAt([iaca.certificatePem], second);

    await tick(firstEnd + 3_600_000);
    expect((await signers()).find((s) => s.id === first.id)?.status).toBe('expired');
    expect((await current())?.id).toBe(second.id);
    await issueAt([iaca.certificatePem], second);

    const events = (await (await server.api('/v1/analytics/events?type=MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE_SUCCESS')).json()) as {
      data: { data: Record<string, unknown> }[];
    };
    expect(events.data.map((e) => e.data)).toContainEqual(expect.objectContaining({ documentSignerId: second.id, reason: 'rotation' }));
  });
});

describe("an authority's IACA", () => {
  it('is flagged while its Document Signer nears its end, and the new certificate takes over with no gap', async () => {
    const authority = await createAuthorityIaca({ country: 'NZ', notBefore: new Date(now - DAY), notAfter: new Date(now + 5 * 365 * DAY) });
    const registered = (await trustApi(server).registerIaca(authority.pem)).body;
    const old = (await trustApi(server).createSigner(registered.id)).body;
    const oldPem = await signDocumentSignerCsr(authority, old.csrPem, { notBefore: new Date(now - 60_000), validityDays: 60 });
    expect((await trustApi(server).install(old.id, oldPem)).status).toBe(200);
    await trustApi(server).setIacaActive(registered.id, true);
    const managedIaca = (await trustApi(server).listIacas()).body.data.find((i) => i.managed)!;
    expect((await trustApi(server).setIacaActive(managedIaca.id, false)).status).toBe(200);
    const installed = (await current())!;
    expect(installed.id).toBe(old.id);

    // 40 days on, 20 left: inside the renewal window. Flagged in the API and the settings, still signing.
    await tick(now + 40 * DAY);
    const oldEnd = new x509.X509Certificate(oldPem).notAfter;
    expect((await signers()).find((s) => s.id === old.id)).toMatchObject({
      status: 'expiring',
      renewBy: oldEnd.toISOString(),
      current: true,
    });
    expect((await summary()).notices).toEqual([
      {
        code: 'SignerNeedsCertificate',
        iacaName: 'Licensing Office Test IACA',
        date: oldEnd.toISOString(),
        message: `The Document Signer of IACA "Licensing Office Test IACA" needs a new certificate by ${oldEnd.toISOString().slice(0, 10)}: create a new Document Signer and have the authority sign its CSR.`,
      },
    ]);
    await issueAt([authority.pem], installed);

    // The clerk-admin asks for a new certificate; the authority's starts now: it takes over at once.
    const next = (await trustApi(server).createSigner(registered.id)).body;
    const nextPem = await signDocumentSignerCsr(authority, next.csrPem, { notBefore: new Date(now - 60_000), validityDays: 365 });
    const nextInstalled = (await trustApi(server).install(next.id, nextPem)).body;
    expect(nextInstalled.current).toBe(true);
    expect((await signers()).find((s) => s.id === old.id)).toMatchObject({ status: 'active', current: false });
    expect((await summary()).notices).toEqual([]);
    await issueAt([authority.pem], nextInstalled);

    await tick(oldEnd.getTime() + 1000);
    expect((await current())?.id).toBe(next.id);
    await issueAt([authority.pem], nextInstalled);
  });
});
