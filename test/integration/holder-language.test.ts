// DESIGN §14: the holder pages speak the phone's language (Accept-Language), English otherwise:
// the wait page, its live stream and the refusals, from the real engine on a real SQLite file
// through its own fetch handler.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/host/create-engine';
import { newDataDir, removeDataDir } from './support/counter-server';

const ISSUER = 'https://counter.test';
let engine: Engine;
let dataDir: string;

beforeAll(async () => {
  dataDir = newDataDir();
  engine = await createEngine({ dataDir, publicUrl: ISSUER, adminToken: 'holder-language-admin-token-0123456789', log: () => {} });
});
afterAll(async () => {
  await engine.close();
  removeDataDir(dataDir);
});

function authorizePath(overrides: Record<string, string> = {}): string {
  const url = new URL('/v1/oauth/authorize', ISSUER);
  const params = {
    response_type: 'code',
    client_id: 'w',
    redirect_uri: 'https://wallet.example/cb',
    scope: 'org.iso.18013.5.1.mDL',
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
    ...overrides,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.pathname + url.search;
}

async function waitPage(): Promise<string> {
  const response = await engine.app.request(authorizePath());
  expect(response.status).toBe(303);
  return response.headers.get('location')!;
}

const get = (path: string, language?: string) => engine.app.request(path, language ? { headers: { 'accept-language': language } } : {});

/** The first `status` event of the wait page's stream. */
async function firstStatus(path: string, language: string): Promise<{ decided: boolean; expires?: string }> {
  const response = await get(`${path}/events`, language);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  let text = '';
  try {
    while (!/event: status\ndata: .*\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } finally {
    await reader.cancel();
  }
  return JSON.parse(/event: status\ndata: (.*)\n/.exec(text)![1]!) as { decided: boolean; expires?: string };
}

describe('holder pages by Accept-Language', () => {
  it('shows the wait page in German to a German phone, regional variants included', async () => {
    const path = await waitPage();
    for (const language of ['de', 'de-AT', 'fr;q=0.2, de-CH;q=0.9, en;q=0.5']) {
      const html = await (await get(path, language)).text();
      expect(html).toContain('<html lang="de">');
      expect(html).toContain('Zeigen Sie diesen Code am Schalter');
      expect(html).toMatch(/Die Anfrage läuft in etwa 10 Minuten ab\./);
      expect(html).not.toContain('Show this code');
    }
  });

  it('falls back to English for a language it does not have, or none', async () => {
    const path = await waitPage();
    for (const language of ['fr-FR', undefined, 'en-GB, de;q=0.1']) {
      const html = await (await get(path, language)).text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('Show this code at the counter');
    }
  });

  it('speaks the same language in the live stream', async () => {
    const path = await waitPage();
    expect(await firstStatus(path, 'de-DE')).toEqual({ decided: false, expires: 'Die Anfrage läuft in etwa 10 Minuten ab.' });
    expect(await firstStatus(path, 'en')).toEqual({ decided: false, expires: 'The request expires in about 10 minutes.' });
  });

  it('says a refusal in the holder’s words, with the protocol’s own detail for support', async () => {
    const response = await get(authorizePath({ response_type: 'token', redirect_uri: 'https://unknown.example/cb' }), 'de');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Diese Anfrage kann nicht fortgesetzt werden');
    expect(html).toContain('Ihre Wallet-App hat eine Anfrage gesendet, die dieser Schalter nicht annehmen kann.');
    expect(html).toMatch(/Technische Angabe: .*response_type/);
  });

  it('tells a phone with an unknown request so, in its language', async () => {
    const response = await get('/v1/oauth/authorize/wait/not-a-handle', 'de');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Diese Anfrage ist unbekannt oder bereits beendet.');
  });
});
