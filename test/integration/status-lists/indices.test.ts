// DESIGN §11 index allocation over real HTTP, in process (a test-only list size lets a list fill):
// every issued mDoc has its own index, drawn in no guessable order, and a full list rolls over to a
// new one. The status is read back by @owf/token-status-list, an implementation independent of ours.
import { afterAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../../electron/engine/host/start-host';
import { issueOnce } from '../../support/raw-issuance';
import { statusOfIssuerSigned, type StatusReference } from '../../support/status-list-check';
import { statusByLibrary, subjectByLibrary } from '../../support/status-list-library';
import { newDataDir, removeDataDir } from '../support/counter-server';
import { MDL_CLAIMS } from '../support/fixtures';

const TOKEN = 'status-indices-admin-token-0123456789';
const hosts: { host: Host; dataDir: string }[] = [];
afterAll(async () => {
  for (const { host, dataDir } of hosts) {
    await host.close();
    removeDataDir(dataDir);
  }
});

async function start(testOnlyStatusListSize?: number) {
  const dataDir = newDataDir();
  const host = await startHost(
    { dataDir, host: '127.0.0.1', port: 0, adminToken: TOKEN, logFormat: 'text' },
    { log: () => {}, ...(testOnlyStatusListSize ? { testOnlyStatusListSize } : {}) },
  );
  hosts.push({ host, dataDir });
  const url = host.listener.url;
  const { data } = (await (
    await fetch(`${url}/v2/credentials/mobile/configurations`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as {
    data: { id: string; type: string }[];
  };
  const target = { url, adminToken: TOKEN, configurationId: data.find((c) => c.type === 'org.iso.18013.5.1.mDL')!.id, claims: MDL_CLAIMS };
  return { url, target };
}

async function issueMany(target: Parameters<typeof issueOnce>[0], n: number, concurrency = 8): Promise<StatusReference[]> {
  const statuses: StatusReference[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < n) {
        started += 1;
        const { credential } = await issueOnce(target);
        statuses.push(statusOfIssuerSigned(new Uint8Array(Buffer.from(credential, 'base64url')))!);
      }
    }),
  );
  return statuses;
}

describe('status list indices', () => {
  it('gives 1,000 mDocs 1,000 distinct indices of a 2^16 list, in no sequential order', async () => {
    const { target } = await start();
    const statuses = await issueMany(target, 1000);
    expect(new Set(statuses.map((s) => s.uri)).size).toBe(1);
    const indices = statuses.map((s) => s.idx);
    expect(new Set(indices).size).toBe(1000);
    for (const idx of indices) expect(idx).toBeLessThan(65536);
    const sorted = [...indices].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(50_000); // spread over the list, not packed at its start
    const ascending = indices.slice(1).filter((idx, i) => idx === indices[i]! + 1).length;
    expect(ascending).toBeLessThan(5);
  }, 120_000);

  it('rolls a full list over to a new one, and the revoked index reads as revoked to another library', async () => {
    const { url, target } = await start(64);
    const statuses = await issueMany(target, 150);
    const byList = new Map<string, number[]>();
    for (const s of statuses) byList.set(s.uri, [...(byList.get(s.uri) ?? []), s.idx]);
    expect([...byList.values()].map((indices) => indices.length).sort((a, b) => b - a)).toEqual([64, 64, 22]);
    for (const indices of byList.values()) {
      expect(new Set(indices).size).toBe(indices.length);
      for (const idx of indices) expect(idx).toBeLessThan(64);
    }
    const distribution = (await (await fetch(`${url}/v2/credentials/mobile/status-lists/distribution`)).json()) as {
      status_lists: string[];
    };
    expect(distribution.status_lists.sort()).toEqual([...byList.keys()].sort());

    // Revoke one credential of the second list.
    const [secondUri] = [...byList.keys()].filter((uri) => byList.get(uri)!.length === 64).slice(1);
    const { data } = (await (
      await fetch(`${url}/v2/credentials/mobile/issued?limit=1000`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      data: { id: string; statusList: StatusReference }[];
    };
    expect(data).toHaveLength(150);
    const victim = data.find((c) => c.statusList.uri === secondUri)!;
    const revoke = await fetch(`${url}/v2/credentials/mobile/${victim.id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'invalid', reason: 'issued_in_error' }),
    });
    expect(revoke.status).toBe(200);
    const token = new Uint8Array(await (await fetch(victim.statusList.uri)).arrayBuffer());
    expect(subjectByLibrary(token)).toBe(victim.statusList.uri);
    expect(statusByLibrary(token, victim.statusList.idx)).toBe(1);
    for (const idx of byList.get(secondUri!)!.filter((i) => i !== victim.statusList.idx)) expect(statusByLibrary(token, idx)).toBe(0);
  }, 120_000);
});
