// DESIGN §11 offline branches: with --status-list-base-url the MSO names a public host, the kiosk
// keeps its current tokens in <data dir>/status-lists/, and `npm run publish` copies them to a
// directory or PUTs them to an HTTP endpoint (here one the test starts), recording when for Settings.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueOnce } from '../../support/raw-issuance';
import { checkStatusListToken, statusOfIssuerSigned } from '../../support/status-list-check';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { configurationId, MDL_CLAIMS } from '../support/fixtures';

const ROOT = resolve(import.meta.dirname, '../../..');
const BASE = 'https://status.branch.example/lists';
let server: CounterServer;
let target: string;
let receiver: Server;
const received: { path: string; type: string | undefined; auth: string | undefined; body: Buffer }[] = [];

beforeAll(async () => {
  server = await startCounter({ args: ['--status-list-base-url', `${BASE}/`] });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'PUT') return void response.writeHead(405).end();
      received.push({
        path: request.url!,
        type: request.headers['content-type'],
        auth: request.headers.authorization,
        body: Buffer.concat(chunks),
      });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  target = mkdtempSync(join(tmpdir(), 'counter-published-'));
});
afterAll(async () => {
  await server.stop();
  removeDataDir(server.dataDir);
  rmSync(target, { recursive: true, force: true });
  await new Promise((done) => receiver.close(done));
});

function publish(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/publish.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

describe('publishing status lists from an offline kiosk', () => {
  it('names the public host in the MSO and publishes the tokens to a directory and over HTTP', async () => {
    const { credential } = await issueOnce({
      url: server.url,
      adminToken: server.adminToken,
      configurationId: await configurationId(server, 'org.iso.18013.5.1.mDL'),
      claims: MDL_CLAIMS,
    });
    const status = statusOfIssuerSigned(new Uint8Array(Buffer.from(credential, 'base64url')))!;
    const listId = /^https:\/\/status\.branch\.example\/lists\/([0-9a-f-]{36})\.cwt$/.exec(status.uri)?.[1];
    expect(listId).toBeDefined();

    const file = join(server.dataDir, 'status-lists', `${listId}.cwt`);
    const token = readFileSync(file);
    const iacaPem = ((await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] }).iacas[0]!
      .certificatePem;
    const checked = await checkStatusListToken(new Uint8Array(token), iacaPem);
    expect(checked.sub).toBe(status.uri);
    // The kiosk serves the same token at its own route too.
    expect(Buffer.from(await (await fetch(`${server.url}/v2/credentials/mobile/status-lists/${listId}/token`)).arrayBuffer())).toEqual(
      token,
    );

    const toDir = await publish(['--to', target, '--data-dir', server.dataDir]);
    expect(toDir.code, toDir.output).toBe(0);
    expect(readdirSync(target)).toEqual([`${listId}.cwt`]);
    expect(readFileSync(join(target, `${listId}.cwt`))).toEqual(token);

    const { port } = receiver.address() as { port: number };
    const toUrl = await publish(['--to', `http://127.0.0.1:${port}/upload/`, '--data-dir', server.dataDir], {
      COUNTER_PUBLISH_AUTHORIZATION: 'Bearer upload-secret',
    });
    expect(toUrl.code, toUrl.output).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: `/upload/${listId}.cwt`, type: 'application/statuslist+cwt', auth: 'Bearer upload-secret' });
    expect(received[0]!.body).toEqual(token);

    // Settings sees when and where it was last published, and the token's exp.
    const overview = (await (await server.api('/v1/counter/status-lists')).json()) as {
      baseUrl: string;
      lists: { id: string; publishedTo: string; publishedAt: string; publishedExpiresAt: string }[];
      warnings: { code: string }[];
    };
    expect(overview.baseUrl).toBe(BASE);
    expect(overview.lists).toEqual([
      expect.objectContaining({
        id: listId,
        publishedTo: `http://127.0.0.1:${port}/upload/${listId}.cwt`,
        publishedExpiresAt: new Date(checked.exp * 1000).toISOString(),
      }),
    ]);
    expect(overview.warnings).toEqual([]);
  });

  it('says what is wrong when it cannot publish', async () => {
    const missing = await publish(['--data-dir', server.dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/--to DIR\|URL is required/);
    const refused = await publish(['--to', 'http://127.0.0.1:9/nothing-listens', '--data-dir', server.dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/Publishing failed: PUT http:\/\/127\.0\.0\.1:9\/nothing-listens\/.*\.cwt failed/);
    const empty = mkdtempSync(join(tmpdir(), 'counter-empty-'));
    const none = await publish(['--to', target, '--data-dir', empty]);
    rmSync(empty, { recursive: true, force: true });
    expect(none.code).toBe(1);
    expect(none.output).toMatch(/does not exist/);
  });
});
