import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferWatchEvent } from '../../shared/counter-api';
import { startKioskEngine, type KioskEngine } from './kiosk-engine';

// What the kiosk window gets over IPC, minus Electron: the real engine, called in-process.
describe('startKioskEngine', () => {
  let dir: string;
  let kiosk: KioskEngine;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counter-kiosk-'));
    kiosk = await startKioskEngine({ COUNTER_PORT: '0' }, dir);
  });
  afterAll(async () => {
    await kiosk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data in the userData folder and listens for wallets', async () => {
    expect(readFileSync(join(dir, 'counter-data', 'admin-token'), 'utf8').trim().length).toBeGreaterThan(20);
    expect((await fetch(`${kiosk.url}/.well-known/openid-credential-issuer`)).status).toBe(200);
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
});
