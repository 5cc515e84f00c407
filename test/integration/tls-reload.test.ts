// DESIGN §13 operations: the TLS certificate and key are read again when their files change (an
// ACME client renews them every few weeks), without a restart; a pair that does not load keeps
// the previous certificate in service.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startCounter, type CounterServer } from './support/counter-server';

const dir = mkdtempSync(join(tmpdir(), 'counter-tls-'));
const certFile = join(dir, 'fullchain.pem');
const keyFile = join(dir, 'privkey.pem');

/** A self-signed P-256 certificate for counter.test, valid for `days`. */
function makePair(name: string, days: number): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      String(days),
      '-subj',
      `/CN=counter.test ${name}`,
      '-addext',
      'subjectAltName=DNS:counter.test',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

/** As certbot and friends do: write aside, then rename into place. */
function install(file: string, contents: string): void {
  writeFileSync(`${file}.new`, contents);
  renameSync(`${file}.new`, file);
}

function servedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false, servername: 'counter.test' }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}

const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256;

let server: CounterServer;
const first = makePair('first', 30);

beforeAll(async () => {
  install(certFile, first.cert);
  install(keyFile, first.key);
  server = await startCounter({ args: ['--tls-cert', certFile, '--tls-key', keyFile] });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS certificate reload', () => {
  it('serves a renewed certificate without a restart, and keeps the old one while a new pair does not load', async () => {
    expect(server.url).toMatch(/^https:/);
    expect(await servedFingerprint(server.url)).toBe(fingerprintOf(first.cert));

    const renewed = makePair('renewed', 90);
    install(certFile, renewed.cert);
    install(keyFile, renewed.key);
    await expect.poll(() => servedFingerprint(server.url), { timeout: 10_000, interval: 250 }).toBe(fingerprintOf(renewed.cert));

    // A certificate whose key has not arrived yet (or a damaged file): the renewed pair stays in service.
    const next = makePair('next', 90);
    install(certFile, next.cert);
    await expect
      .poll(() => server.output(), { timeout: 10_000, interval: 250 })
      .toMatch(/do not load; still serving the previous certificate/);
    expect(await servedFingerprint(server.url)).toBe(fingerprintOf(renewed.cert));
    install(keyFile, next.key);
    await expect.poll(() => servedFingerprint(server.url), { timeout: 10_000, interval: 250 }).toBe(fingerprintOf(next.cert));
    expect(server.output().match(/Counter listening on/g)).toHaveLength(1);
  });
});
