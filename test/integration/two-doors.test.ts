// Two doors (DESIGN §2, §8): with --host on the LAN, phones reach only the wallet-facing listener;
// the management API and the counter UI answer only on the clerk's listener, and each door answers
// the other's paths with 404 in that path's error shape.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { receiveCredential } from '../support/wallet';
import { newDataDir, removeDataDir, runServeToExit, startCounter, type CounterServer } from './support/counter-server';
import { createMdlOffer, MDL_CLAIMS } from './support/fixtures';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The log as soon as it matches (stderr and stdout arrive on separate pipes). */
async function outputMatching(server: CounterServer, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100 && !pattern.test(server.output()); i++) await new Promise((r) => setTimeout(r, 20));
  return server.output();
}

const isManagementError = (body: unknown) => typeof (body as { code?: unknown }).code === 'string' && !('error' in (body as object));
const isOAuthError = (body: unknown) => typeof (body as { error?: unknown }).error === 'string';

describe('two listeners: --host 0.0.0.0 and a clerk port', () => {
  let server: CounterServer;
  let wallet: string;

  beforeAll(async () => {
    const port = await freePort();
    wallet = `http://127.0.0.1:${port}`;
    // The wallet door listens on every address; phones use the address given as --public-url.
    server = await startCounter({ args: ['--host', '0.0.0.0', '--port', String(port), '--clerk-port', '0', '--public-url', wallet] });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('announces both doors on start-up, and warns that the LAN door has no TLS', async () => {
    expect(server.output()).toMatch(/^Counter listening on http:\/\/0\.0\.0\.0:\d+$/m);
    expect(server.output()).toMatch(/^Counter clerk UI on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(server.clerkUrl).not.toBe(server.url);
    expect(await outputMatching(server, /Warning/)).toMatch(/Warning: the wallet-facing listener has no TLS/);
    expect(server.output()).not.toMatch(/no --public-url/);
  });

  it('answers management and UI paths on the wallet port with 404 in their shape, even with the admin token', async () => {
    const auth = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
    for (const [method, path] of [
      ['GET', '/v1/openid/offers/pre-authorized'],
      ['POST', '/v1/openid/offers/pre-authorized'],
      ['GET', '/v1/openid/authorizations'],
      ['GET', '/v2/credentials/mobile/configurations'],
      ['GET', '/v1/analytics/events'],
      ['POST', '/v1/counter/api-tokens'],
      ['GET', '/v1/counter/settings'],
      ['GET', '/v2/credentials/mobile/iacas'],
      ['POST', '/v2/credentials/mobile/iacas'],
      ['GET', '/v2/credentials/mobile/document-signers'],
      ['POST', '/v2/credentials/mobile/document-signers'],
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/requests'],
    ] as const) {
      const response = await fetch(wallet + path, { method, headers: auth, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect([path, isManagementError(await response.json())]).toEqual([path, true]);
    }
  });

  it('serves wallet endpoints, holder pages and public documents on the wallet port only', async () => {
    expect((await fetch(`${wallet}/.well-known/openid-credential-issuer`)).status).toBe(200);
    expect((await fetch(`${wallet}/v1/mdoc/iacas`)).status).toBe(200);
    const token = await fetch(`${wallet}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=nope',
    });
    expect(token.status).toBe(400);
    expect(isOAuthError(await token.json())).toBe(true);

    for (const [method, path] of [
      ['POST', '/v1/oauth/token'],
      ['POST', '/v1/openid/nonce'],
      ['POST', '/v1/openid/credential'],
      ['GET', '/.well-known/openid-credential-issuer'],
      ['GET', '/v1/oauth/authorize?response_type=code'],
    ] as const) {
      const response = await fetch(server.clerkUrl + path, { method });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect([path, isOAuthError(await response.json())]).toEqual([path, true]);
    }
    // The IACA is a public document on both: the clerk's Settings screen offers it for download.
    expect((await fetch(`${server.clerkUrl}/v1/mdoc/iacas`)).status).toBe(200);
  });

  it("publishes the managed IACA's CRL on the wallet port, at the distribution point its certificates name (DESIGN §10)", async () => {
    const listed = await fetch(`${server.clerkUrl}/v2/credentials/mobile/iacas`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const { data } = (await listed.json()) as { data: { active: boolean; crlUri?: string }[] };
    const crlUri = data.find((iaca) => iaca.active)?.crlUri;
    expect(crlUri?.startsWith(`${wallet}/v2/credentials/mobile/iacas/`)).toBe(true);
    const crl = await fetch(crlUri!);
    expect(crl.status).toBe(200);
    expect(crl.headers.get('content-type')).toBe('application/pkix-crl');
    const onClerk = await fetch(server.clerkUrl + new URL(crlUri!).pathname);
    expect(onClerk.status).toBe(404);
    expect(isOAuthError(await onClerk.json())).toBe(true);
  });

  it('issues end to end: the clerk creates the offer on the clerk port, the wallet redeems it on the wallet port', async () => {
    const offer = await createMdlOffer(server);
    expect(JSON.parse(new URL(offer.uri).searchParams.get('credential_offer')!).credential_issuer).toBe(wallet);
    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const iacaPem = ((await (await fetch(`${wallet}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas[0]!
      .certificatePem;
    const verified = await verifyIssuerSigned(result.issuerSigned, { trustedIacaPems: [iacaPem], docType: 'org.iso.18013.5.1.mDL' });
    expect(verified.claims['org.iso.18013.5.1']?.family_name).toBe(MDL_CLAIMS.family_name);
  });
});

describe('listener options', () => {
  it('keeps one listener while --host is loopback, with no second line', async () => {
    const server = await startCounter();
    try {
      expect(server.clerkUrl).toBe(server.url);
      expect(server.output()).not.toMatch(/Counter clerk UI on/);
      expect((await server.api('/v1/counter/settings')).status).toBe(200);
      expect((await fetch(`${server.url}/v1/oauth/token`, { method: 'POST' })).status).not.toBe(404);
    } finally {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });

  it('warns when the LAN door has no --public-url (credential_issuer would be http://0.0.0.0:…)', async () => {
    const server = await startCounter({ args: ['--host', '0.0.0.0', '--clerk-port', '0'] });
    try {
      expect(await outputMatching(server, /Warning/)).toMatch(
        /Warning: wallets reach this kiosk on 0\.0\.0\.0, but no --public-url is set/,
      );
    } finally {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });

  it('refuses a bad or busy clerk port and an admin token shorter than 32 characters, naming the cause', async () => {
    const bad = await runServeToExit(['--clerk-port', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/--clerk-port must be a number/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const dir = newDataDir();
    try {
      const port = (blocker.address() as { port: number }).port;
      const busy = await runServeToExit(['--port', '0', '--clerk-port', String(port), '--data-dir', dir]);
      expect(busy.code).toBe(1);
      expect(busy.output).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use; choose another with --clerk-port`));

      const short = await runServeToExit(['--port', '0', '--data-dir', dir], { COUNTER_ADMIN_TOKEN: 'x'.repeat(31) });
      expect(short.code).toBe(2);
      expect(short.output).toMatch(/COUNTER_ADMIN_TOKEN must be at least 32 characters \(it is 31\)/);
      expect(short.output).not.toMatch(/Counter listening/);
    } finally {
      blocker.close();
      removeDataDir(dir);
    }
  });
});
