// DESIGN §11 offline branches, on a clock the test moves (the real engine in process): Settings →
// Status lists says a list was never published, then when and where it was, then warns two days
// before the published copy expires and again once it has, while the kiosk's own token stays current.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/host/create-engine';
import { publishStatusLists } from '../../../electron/engine/host/publish-status-lists';
import { newDataDir, removeDataDir } from '../support/counter-server';

const TOKEN = 'published-expiry-admin-token-0123456789';
const BASE = 'https://status.branch.example/lists';
const DAY = 86_400_000;
let now = Date.UTC(2026, 11, 1, 9);
let engine: Engine;
let dataDir: string;
let target: string;

interface Overview {
  lists: { id: string; publishedAt?: string; publishedExpiresAt?: string; tokenExpiresAt?: string }[];
  warnings: { code: string; listId?: string; date?: string }[];
}
const overview = async () =>
  (await (await engine.app.request('/v1/counter/status-lists', { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Overview;

beforeAll(async () => {
  dataDir = newDataDir();
  target = mkdtempSync(join(tmpdir(), 'counter-published-'));
  engine = await createEngine({
    dataDir,
    publicUrl: 'https://counter.branch.example',
    adminToken: TOKEN,
    clock: { now: () => now },
    log: () => {},
    statusLists: { baseUrl: BASE },
  });
});
afterAll(async () => {
  await engine.close();
  removeDataDir(dataDir);
  rmSync(target, { recursive: true, force: true });
});

describe('the published copy of a status list, as Settings shows it', () => {
  it('is first never published, then published, then warned about before and after it expires', async () => {
    const iacaId = engine.context.trust.currentSigner(now)!.iacaId;
    const [entry] = await engine.context.statusLists.allocate(1, iacaId);
    expect(entry!.uri).toBe(`${BASE}/${entry!.listId}.cwt`);

    const before = await overview();
    expect(before.lists.map((l) => l.id)).toEqual([entry!.listId]);
    expect(before.lists[0]!.publishedAt).toBeUndefined();
    expect(before.warnings).toEqual([expect.objectContaining({ code: 'NotPublished', listId: entry!.listId })]);

    const [line] = await publishStatusLists({ dataDir, to: target }, now);
    expect(line).toContain(entry!.listId);
    const published = await overview();
    expect(published.warnings).toEqual([]);
    const { publishedAt, publishedExpiresAt, tokenExpiresAt } = published.lists[0]!;
    expect(publishedAt).toBe(new Date(now).toISOString());
    expect(publishedExpiresAt).toBe(tokenExpiresAt); // the token it copied: 7 days
    const expiresAt = Date.parse(publishedExpiresAt!);
    expect(expiresAt - now).toBe(7 * DAY);

    // Five and a half days on: not yet. Two days before its exp: publish again before then.
    now = expiresAt - 2 * DAY - 60_000;
    expect((await overview()).warnings).toEqual([]);
    now = expiresAt - 2 * DAY + 60_000;
    expect((await overview()).warnings).toEqual([
      {
        code: 'PublishedExpiring',
        listId: entry!.listId,
        date: publishedExpiresAt,
        message: expect.stringMatching(/publish again before then/),
      },
    ]);
    // The kiosk signed its own copy again meanwhile (re-signed a day after signing): only the published one lapses.
    await engine.context.statusLists.maintain();
    expect(Date.parse((await overview()).lists[0]!.tokenExpiresAt!)).toBeGreaterThan(expiresAt);
    now = expiresAt + 60_000;
    expect((await overview()).warnings).toEqual([expect.objectContaining({ code: 'PublishedExpired', date: publishedExpiresAt })]);

    // Publishing again clears it.
    await publishStatusLists({ dataDir, to: target }, now);
    expect((await overview()).warnings).toEqual([]);
  });
});
