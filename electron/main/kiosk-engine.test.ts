import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import type { AuthorizationSummary } from '../../shared/api/z-authorization';
import type { CounterApi, OfferWatchEvent } from '../../shared/counter-api';
import { startKioskEngine, type KioskEngine } from './kiosk-engine';
import { createKioskSession } from './kiosk-session';

// What the kiosk window gets over IPC, minus Electron: the real engine, called in-process.
describe('startKioskEngine', () => {
  let dir: string;
  let engine: KioskEngine;
  let kiosk: KioskEngine & { api: CounterApi };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counter-kiosk-'));
    engine = await startKioskEngine({ COUNTER_PORT: '0' }, dir);
    kiosk = { ...engine, api: createKioskSession(engine.backend).api };
  });
  afterAll(async () => {
    await kiosk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data in the userData folder and listens for wallets', async () => {
    expect(readFileSync(join(dir, 'counter-data', 'admin-token'), 'utf8').trim().length).toBeGreaterThan(20);
    expect((await fetch(`${kiosk.url}/.well-known/openid-credential-issuer`)).status).toBe(200);
  });

  it('is the kiosk itself with the issuer role: no admin token read, no admin routes', async () => {
    // DESIGN §8: the saved admin token is IT's, not the window's.
    rmSync(join(dir, 'counter-data', 'admin-token'));
    expect(await kiosk.api.whoAmI()).toEqual({ kind: 'kiosk', name: 'This kiosk', role: 'issuer' });
    expect((await kiosk.api.listConfigurations()).length).toBeGreaterThan(0);
    await expect(kiosk.api.listClerks()).rejects.toMatchObject({ status: 403, code: 'Forbidden' });
  });

  it('serves the management API in-process, live status included', async () => {
    const configurations = await kiosk.api.listConfigurations();
    const mdl = configurations.find((c) => c.type === 'org.iso.18013.5.1.mDL')!;
    const settings = await kiosk.api.getSettings();
    expect(settings.credentialIssuer).toBe(kiosk.url);
    const offer = await kiosk.api.createOffer({
      credentials: [mdl.id],
      offerBy: 'reference',
      transactionCodeConfiguration: { inputMode: 'numeric' },
      claims: {
        family_name: 'Doe',
        given_name: 'Jane',
        birth_date: '1990-01-31',
        issue_date: '2026-01-01',
        expiry_date: '2031-01-01',
        document_number: 'D1',
        portrait: readFileSync('resources/sample/portrait.jpg').toString('base64'),
      },
    });
    const events: OfferWatchEvent[] = [];
    const done = new Promise<void>((resolve) => {
      const stop = kiosk.api.watchOffer(offer.id, (event) => {
        events.push(event);
        if (event.type === 'status' && event.offer.status === 'cancelled') {
          stop();
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    await kiosk.api.cancelOffer(offer.id);
    await done;
    expect(events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.offer.status)).toEqual(['pending', 'cancelled']);
    await expect(kiosk.api.cancelOffer('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
  });

  it('follows and decides Authorization Code requests in-process (DESIGN §4)', async () => {
    const mdl = (await kiosk.api.listConfigurations()).find((c) => c.type === 'org.iso.18013.5.1.mDL')!;
    const poster = await kiosk.api.createCodeOffer({ credentials: [mdl.id] });
    expect((await kiosk.api.listCodeOffers()).map((o) => o.id)).toContain(poster.id);
    const issuerState = (
      JSON.parse(new URL(poster.uri).searchParams.get('credential_offer')!) as { grants: { authorization_code: { issuer_state: string } } }
    ).grants.authorization_code.issuer_state;

    // The latest pending list the watch reported, awaited until it looks as expected.
    const lists: AuthorizationSummary[][] = [];
    const seen = async (test: (list: AuthorizationSummary[]) => boolean): Promise<AuthorizationSummary[]> => {
      for (let i = 0; i < 200; i++) {
        const last = lists.at(-1);
        if (last && test(last)) return last;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`the pending list never matched: ${JSON.stringify(lists)}`);
    };
    const stop = kiosk.api.watchAuthorizations((event) => {
      if (event.type === 'authorizations') lists.push(event.authorizations);
    });
    await seen((list) => list.length === 0);

    // A phone's browser at the authorization endpoint (over the real listener).
    const authorize = new URL('/v1/oauth/authorize', kiosk.url);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'kiosk-test',
      redirect_uri: 'https://wallet.example/cb',
      code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
      code_challenge_method: 'S256',
      state: 's1',
      issuer_state: issuerState,
    }).toString();
    expect((await fetch(authorize, { redirect: 'manual' })).status).toBe(303);

    const [pending] = await seen((list) => list.length === 1);
    expect(pending).toMatchObject({ status: 'pending', credentials: [mdl.id], clientId: 'kiosk-test' });
    expect((await kiosk.api.listAuthorizations({ status: 'pending' })).data.map((a) => a.id)).toEqual([pending!.id]);
    await expect(kiosk.api.approveAuthorization(pending!.id, { family_name: 'Doe' })).rejects.toMatchObject({ status: 400 });
    expect(await kiosk.api.rejectAuthorization(pending!.id)).toMatchObject({ id: pending!.id, status: 'rejected' });
    await seen((list) => list.length === 0);
    await expect(kiosk.api.rejectAuthorization(pending!.id)).rejects.toMatchObject({ status: 409 });
    stop();

    await kiosk.api.revokeCodeOffer(poster.id);
    expect((await kiosk.api.listCodeOffers()).find((o) => o.id === poster.id)?.revokedAt).toBeDefined();
  });
});
