// DESIGN §11 end to end over real HTTP: a real wallet receives an mDL, the MSO names its status
// list entry, the token at that URI is checked by code independent of the engine (signature, chain
// to the IACA, claims, inflate, bit), the clerk revokes, and the next token shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveCredential } from '../../support/wallet';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { checkStatusListToken, statusOfIssuerSigned } from '../../support/status-list-check';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';

let server: CounterServer;
let iacaPem: string;

beforeAll(async () => {
  server = await startCounter();
  iacaPem = ((await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas[0]!
    .certificatePem;
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
});

async function fetchToken(uri: string) {
  const response = await fetch(uri);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/statuslist+cwt');
  const token = new Uint8Array(await response.arrayBuffer());
  const checked = await checkStatusListToken(token, iacaPem);
  const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1]);
  expect(maxAge).toBeGreaterThan(0);
  expect(maxAge).toBeLessThanOrEqual(checked.ttl);
  return { token, checked };
}

describe('revoking an issued mDoc', () => {
  it('shows in the next Status List Token, read independently of the engine', async () => {
    const offer = await createMdlOffer(server, { userId: 'holder-123' });
    const wallet = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    await verifyIssuerSigned(wallet.issuerSigned, { docType: 'org.iso.18013.5.1.mDL', trustedIacaPems: [iacaPem] });

    const status = statusOfIssuerSigned(wallet.issuerSigned);
    expect(status).toBeDefined();
    expect(status!.uri).toMatch(new RegExp(`^${server.url}/v2/credentials/mobile/status-lists/[0-9a-f-]{36}/token$`));
    expect(status!.idx).toBeLessThan(65536);

    const before = await fetchToken(status!.uri);
    expect(before.checked.sub).toBe(status!.uri);
    expect(before.checked.bytes.length).toBe(65536 / 8);
    expect(before.checked.statusAt(status!.idx)).toBe(0);

    const summary = (await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as {
      issuedCredentials: { id: string; status: string; statusList: { idx: number; uri: string } }[];
    };
    expect(summary.issuedCredentials).toHaveLength(1);
    const [credential] = summary.issuedCredentials;
    expect(credential).toMatchObject({ status: 'valid', statusList: status });
    const issued = (await (await server.api('/v2/credentials/mobile/issued?userId=holder-123')).json()) as { data: { id: string }[] };
    expect(issued.data.map((c) => c.id)).toEqual([credential!.id]);

    const path = `/v2/credentials/mobile/${credential!.id}/status`;
    expect(await (await server.api(path)).json()).toEqual({ status: 'valid' });
    const revoke = await server.api(path, { method: 'POST', json: { status: 'invalid', reason: 'lost_or_stolen' } });
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toEqual({ status: 'invalid' });
    expect(await (await server.api(path)).json()).toEqual({ status: 'invalid' });

    const after = await fetchToken(status!.uri);
    expect(after.checked.statusAt(status!.idx)).toBe(1);
    expect(after.checked.iat).toBeGreaterThan(before.checked.iat);
    // Only this credential's bit changed.
    expect([...after.checked.bytes].reduce((n, byte) => n + popcount(byte), 0)).toBe(1);

    // invalid is final.
    const undo = await server.api(path, { method: 'POST', json: { status: 'valid' } });
    expect(undo.status).toBe(409);
    expect(await undo.json()).toMatchObject({ code: 'Conflict' });
    const again = await server.api(path, { method: 'POST', json: { status: 'invalid' } });
    expect(again.status).toBe(200);

    const events = (await (await server.api('/v1/analytics/events?limit=50')).json()) as {
      data: { type: string; data: Record<string, unknown> }[];
    };
    const types = events.data.filter((e) => e.type.startsWith('MOBILE_CREDENTIAL_STATUS_SET')).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'MOBILE_CREDENTIAL_STATUS_SET_START',
        'MOBILE_CREDENTIAL_STATUS_SET_SUCCESS',
        'MOBILE_CREDENTIAL_STATUS_SET_FAIL',
      ]),
    );
    const success = events.data.find((e) => e.type === 'MOBILE_CREDENTIAL_STATUS_SET_SUCCESS');
    expect(success?.data).toMatchObject({ credentialId: credential!.id, status: 'invalid' });
  });

  it('lists every list at the distribution endpoint, without a token', async () => {
    const response = await fetch(`${server.url}/v2/credentials/mobile/status-lists/distribution`);
    expect(response.status).toBe(200);
    const { status_lists } = (await response.json()) as { status_lists: string[] };
    expect(status_lists.length).toBeGreaterThanOrEqual(1);
    for (const uri of status_lists) expect((await fetch(uri)).status).toBe(200);
  });

  it('answers unknown credentials, unknown lists and bad bodies in their shapes', async () => {
    const unknown = await server.api(`/v2/credentials/mobile/${crypto.randomUUID()}/status`, {
      method: 'POST',
      json: { status: 'invalid' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NotFound' });
    const bad = await server.api(`/v2/credentials/mobile/${crypto.randomUUID()}/status`, { method: 'POST', json: { status: 'revoked' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BadRequest', details: [expect.objectContaining({ param: 'status' })] });
    expect((await server.api(`/v2/credentials/mobile/${crypto.randomUUID()}/status`, { token: null })).status).toBe(401);
    const list = await fetch(`${server.url}/v2/credentials/mobile/status-lists/${crypto.randomUUID()}/token`);
    expect(list.status).toBe(404);
    expect(await list.json()).toMatchObject({ error: 'not_found' });
  });
});

function popcount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b >>= 1) n += b & 1;
  return n;
}
