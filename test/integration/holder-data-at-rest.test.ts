// DESIGN §9: after offers end in every way (and while some are still open; one credential revoked, §11), stop, restart, and
// read every byte of the data dir: no claim value of any holder is there, in any file. The one
// value sent as claimsToPersist is the positive control: it must be found, which proves the scan
// reads what the engine writes.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAuthorization } from '../support/authorization-code-wallet';
import { issueOnce } from '../support/raw-issuance';
import { newDataDir, removeDataDir, startCounter, type CounterServer } from './support/counter-server';
import { configurationId, createMdlOffer, MDL_CLAIMS, PORTRAIT_BASE64, preAuthorizedCode, tokenRequest } from './support/fixtures';

const dataDir = newDataDir();
afterAll(() => removeDataDir(dataDir));

/** Distinctive values no file would hold by chance. */
const needles: string[] = [];
const holder = (how: string) => {
  const tag = randomBytes(5).toString('hex');
  const claims = {
    ...MDL_CLAIMS,
    family_name: `Vrzhonkel${how}${tag}`,
    given_name: `Quillabeth${tag}`,
    document_number: `DOC${tag}X`,
  };
  needles.push(claims.family_name, claims.given_name, claims.document_number);
  return claims;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every needle found anywhere in the data dir, with the file it is in. */
function scan(): { needle: string; file: string }[] {
  const found: { needle: string; file: string }[] = [];
  for (const file of filesUnder(dataDir)) {
    const bytes = readFileSync(file);
    for (const needle of [...needles, PERSISTED]) if (bytes.includes(Buffer.from(needle))) found.push({ needle, file });
    // The portrait, as sent (base64) and as bytes.
    const portrait = PORTRAIT_BASE64.slice(400, 480);
    if (bytes.includes(Buffer.from(portrait)) || bytes.includes(Buffer.from(portrait, 'base64'))) found.push({ needle: 'portrait', file });
  }
  return found;
}

const PERSISTED = `PERSISTED${randomBytes(5).toString('hex')}`;

async function endOffersInEveryWay(server: CounterServer, mdl: string): Promise<void> {
  // Claimed, through the whole pre-authorized flow.
  await issueOnce({ url: server.url, adminToken: server.adminToken, configurationId: mdl, claims: holder('Claimed') });
  // Revoked (DESIGN §11): its status, a reason code and its status list entry are all that is kept of it.
  const [issued] = ((await (await server.api('/v2/credentials/mobile/issued?limit=1')).json()) as { data: { id: string }[] }).data;
  const revoke = await server.api(`/v2/credentials/mobile/${issued!.id}/status`, {
    method: 'POST',
    json: { status: 'invalid', reason: 'lost_or_stolen' },
  });
  expect(revoke.status).toBe(200);
  // Cancelled: by value, and by reference after the wallet fetched it.
  const cancelled = await createMdlOffer(server, { claims: holder('Cancelled') });
  expect((await server.api(`/v1/openid/offers/pre-authorized/${cancelled.id}`, { method: 'DELETE' })).status).toBe(204);
  const byReference = await createMdlOffer(server, { claims: holder('Reference'), offerBy: 'reference' });
  const offerUri = new URL(byReference.uri).searchParams.get('credential_offer_uri')!;
  expect((await fetch(offerUri)).status).toBe(200);
  expect((await server.api(`/v1/openid/offers/pre-authorized/${byReference.id}`, { method: 'DELETE' })).status).toBe(204);
  // Locked after three wrong transaction codes.
  const locked = await createMdlOffer(server, { claims: holder('Locked') });
  for (let i = 0; i < 3; i += 1) await tokenRequest(server, { 'pre-authorized_code': preAuthorizedCode(locked.uri), tx_code: '000000' });
  expect((await (await server.api(`/v1/openid/offers/pre-authorized/${locked.id}`)).json()).status).toBe('locked');
  // Expired.
  const expired = await createMdlOffer(server, { claims: holder('Expired'), expiresIn: { seconds: 1 } });
  // Still open: a token issued but no credential yet, and one nobody scanned.
  const redeemed = await createMdlOffer(server, { claims: holder('TokenIssued') });
  const token = await tokenRequest(server, {
    'pre-authorized_code': preAuthorizedCode(redeemed.uri),
    tx_code: String(redeemed.transactionCode),
  });
  expect(token.status).toBe(200);
  await createMdlOffer(server, { claims: holder('Open') });
  // claimsToPersist: the one value kept in clear, by request.
  const persisted = await createMdlOffer(server, {
    claims: { ...holder('Persisted'), document_number: PERSISTED },
    claimsToPersist: ['document_number'],
  });
  expect((await server.api(`/v1/openid/offers/pre-authorized/${persisted.id}`, { method: 'DELETE' })).status).toBe(204);

  // Authorization Code flow: approved and claimed, approved and not yet redeemed, rejected.
  const poster = (await (await server.api('/v1/openid/offers', { method: 'POST', json: { credentials: [mdl] } })).json()) as {
    uri: string;
  };
  const pending = async () => {
    const request = await startAuthorization(poster.uri);
    const list = (await (await server.api('/v1/openid/authorizations?status=pending')).json()) as {
      data: { id: string; shortCode: string }[];
    };
    return { request, id: list.data.find((a) => a.shortCode === request.shortCode)!.id };
  };
  const approve = (id: string, how: string) =>
    server.api(`/v1/openid/authorizations/${id}/approve`, { method: 'POST', json: { claims: holder(how) } });
  const claimed = await pending();
  expect((await approve(claimed.id, 'Approved')).status).toBe(200);
  await claimed.request.finish();
  const waiting = await pending();
  expect((await approve(waiting.id, 'ApprovedWaiting')).status).toBe(200);
  const rejected = await pending();
  expect((await server.api(`/v1/openid/authorizations/${rejected.id}/reject`, { method: 'POST' })).status).toBe(200);

  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect((await (await server.api(`/v1/openid/offers/pre-authorized/${expired.id}`)).json()).status).toBe('expired');
}

describe('holder data at rest', () => {
  it('leaves no claim value in any file of the data dir, before or after a restart', async () => {
    const first = await startCounter({ dataDir });
    const mdl = await configurationId(first, 'org.iso.18013.5.1.mDL');
    await endOffersInEveryWay(first, mdl);
    // While running, too: the WAL holds only sealed claims.
    expect(scan().filter((f) => f.needle !== PERSISTED)).toEqual([]);
    await first.stop();
    expect(scan().filter((f) => f.needle !== PERSISTED)).toEqual([]);

    const second = await startCounter({ dataDir, adminToken: first.adminToken });
    await issueOnce({ url: second.url, adminToken: second.adminToken, configurationId: mdl, claims: holder('AfterRestart') });
    expect(scan().filter((f) => f.needle !== PERSISTED)).toEqual([]);
    await second.stop();

    const found = scan();
    expect(found.filter((f) => f.needle !== PERSISTED)).toEqual([]);
    // The positive control: claimsToPersist is kept, in clear, and the scan sees it.
    expect(found.map((f) => f.needle)).toContain(PERSISTED);
    expect(needles.length).toBeGreaterThanOrEqual(30);

    // DESIGN §9: the database files are the owner's only.
    for (const file of filesUnder(dataDir).filter((f) => f.includes('counter.sqlite'))) {
      expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
    }
  });
});
