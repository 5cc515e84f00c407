// DESIGN §9, measured: `node --import tsx bench/holder-data-at-rest.ts` ends HOLDER_OFFERS offers
// (default 20,000; a third claimed through the whole flow, a third cancelled, a third expired),
// each with its own surname, stops the kiosk, starts and stops it again, then reads every byte of
// the data dir and counts the surnames that can still be found there.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueOnce } from '../test/support/raw-issuance';

const ROOT = resolve(import.meta.dirname, '..');
const OFFERS = Number(process.env.HOLDER_OFFERS ?? 20_000);
const CONCURRENCY = 16;

async function start(dataDir: string, adminToken: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, COUNTER_ADMIN_TOKEN: adminToken, COUNTER_SKIP_UI_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /Counter listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

const dataDir = mkdtempSync(join(tmpdir(), 'counter-at-rest-'));
const adminToken = randomBytes(24).toString('base64url');
try {
  let server = await start(dataDir, adminToken);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(server.url + path, {
      ...init,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...(init.headers as object) },
    });
  const { data } = (await (await api('/v2/credentials/mobile/configurations')).json()) as { data: { id: string; type: string }[] };
  const mdl = data.find((c) => c.type === 'org.iso.18013.5.1.mDL')!.id;
  const portrait = readFileSync(join(ROOT, 'resources/sample/portrait.jpg')).toString('base64');
  const surnames: string[] = [];
  const claims = (i: number) => {
    const family_name = `Zorvanek${i}x${randomBytes(3).toString('hex')}`;
    surnames.push(family_name);
    return {
      family_name,
      given_name: 'Ana',
      birth_date: '1990-01-01',
      issue_date: '2026-11-23',
      expiry_date: '2031-11-23',
      document_number: `D${i}`,
      portrait,
    };
  };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < OFFERS; i = next++) {
      if (i % 3 === 0) {
        await issueOnce({ url: server.url, adminToken, configurationId: mdl, claims: claims(i) });
        continue;
      }
      const body = { credentials: [mdl], claims: claims(i), ...(i % 3 === 2 ? { expiresIn: { seconds: 1 } } : {}) };
      const created = (await (await api('/v1/openid/offers/pre-authorized', { method: 'POST', body: JSON.stringify(body) })).json()) as {
        id: string;
      };
      if (i % 3 === 1) await api(`/v1/openid/offers/pre-authorized/${created.id}`, { method: 'DELETE' });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await new Promise((r) => setTimeout(r, 1_500));
  await api('/v1/openid/offers/pre-authorized?status=pending'); // settles the expiries
  const seconds = (performance.now() - started) / 1000;
  await stop(server.child);
  server = await start(dataDir, adminToken);
  await stop(server.child);

  // One pass over each file collects every surname-shaped string, whatever page or frame it is in.
  const all = files(dataDir);
  const seen = new Set(
    all.flatMap(
      (file) =>
        readFileSync(file)
          .toString('latin1')
          .match(/Zorvanek\d+x[0-9a-f]{6}/g) ?? [],
    ),
  );
  const readable = surnames.filter((s) => seen.has(s));
  const sizes = all.map((file) => `${file.slice(dataDir.length + 1)} ${(statSync(file).size / 1024).toFixed(0)} KB`);
  console.log(
    `${OFFERS} offers ended in ${seconds.toFixed(1)} s (claimed, cancelled, expired in thirds); after stop, start, stop: ` +
      `${readable.length} of ${surnames.length} surnames readable in the data dir (${sizes.join(', ')})`,
  );
} finally {
  if (process.env.HOLDER_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
  else console.log(`kept ${dataDir}`);
}
