import { X509Certificate, verify } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_SIGNER_PROFILE, iacaValidity, signerValidity } from '../../keys/certificate-profiles';
import { fileKeyCustody } from '../../keys/file-key-custody';
import { passphraseProtection } from '../../keys/key-protection';
import { keyVault } from '../../keys/key-vault';
import { readLegacyKeyDir } from '../../keys/legacy-key-dir';
import { createIacaCertificate, createSignerCsr, issueSignerCertificate } from '../../keys/x509/build-certificates';
import { openSqliteStores } from '../../storage/sqlite-stores';
import type { Stores } from '../store';
import { systemRandom } from '../util/secrets';
import { openTrust } from './open-trust';
import type { TrustService } from './trust-service';

// DESIGN §10 start-up: first start, restart, taking over an older key directory, and refusals.
// Real SQLite file, real key files; the clock is handed in.
const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1, 10, 0, 0);

let root: string;
let keysDir: string;
let stores: Stores[] = [];
let services: TrustService[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'counter-trust-'));
  keysDir = join(root, 'keys');
});
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  await Promise.all(stores.map((s) => s.close()));
  [stores, services] = [[], []];
  await rm(root, { recursive: true, force: true });
});

async function start(options: { now?: number; passphrase?: string; country?: string; log?: string[] } = {}) {
  const store = openSqliteStores(join(root, 'counter.sqlite'));
  stores.push(store);
  let now = options.now ?? START;
  const protection = options.passphrase ? passphraseProtection(options.passphrase, { log2N: 14 }) : undefined;
  const service = await openTrust({
    store: store.trust,
    vault: keyVault(fileKeyCustody(keysDir, { protection, log: (m) => options.log?.push(m) })),
    clock: { now: () => now },
    random: systemRandom,
    credentialIssuer: 'http://192.168.1.20:8787',
    displayName: 'Counter Test',
    country: options.country ?? 'NZ',
    readLegacy: () => readLegacyKeyDir(keysDir),
  });
  services.push(service);
  return { store, service, setNow: (ms: number) => (now = ms) };
}

async function stop() {
  await Promise.all(services.map((s) => s.close()));
  await Promise.all(stores.map((s) => s.close()));
  [stores, services] = [[], []];
}

async function expectSigns(service: TrustService, now: number) {
  const signer = service.currentSigner(now)!;
  const data = new TextEncoder().encode('Sig_structure');
  const key = new X509Certificate(signer.certificateDer).publicKey;
  expect(verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, await signer.sign(data))).toBe(true);
}

describe('the first start', () => {
  it('creates a managed IACA, active, with a Document Signer and a status-list signer under it, keys 0600; a restart opens the same', async () => {
    const { service, store } = await start();
    const [iaca] = await store.trust.listIacas();
    expect(iaca).toMatchObject({ managed: true, active: true });
    const signer = service.currentSigner(START)!;
    expect(signer).toMatchObject({ iacaId: iaca!.id, country: 'NZ' });
    expect(signer.notBefore.getTime()).toBeLessThanOrEqual(START);
    await expectSigns(service, START);
    // DESIGN §11: the status-list signer under the same IACA, its certificate without the Document Signer's EKU.
    const statusListSigner = service.currentStatusListSigner(START)!;
    expect(statusListSigner).toMatchObject({ iacaId: iaca!.id });
    const statusCertificate = new X509Certificate(statusListSigner.certificateDer);
    expect(statusCertificate.checkIssued(new X509Certificate(iaca!.certificateDer))).toBe(true);
    // node:crypto's keyUsage is the extKeyUsage: the Document Signer's purpose only on the Document Signer.
    expect(statusCertificate.keyUsage).toBeUndefined();
    expect(new X509Certificate(signer.certificateDer).keyUsage).toEqual(['1.0.18013.5.1.2']);
    const data = new TextEncoder().encode('Status List Token');
    expect(verify('sha256', data, { key: statusCertificate.publicKey, dsaEncoding: 'ieee-p1363' }, await statusListSigner.sign(data))).toBe(
      true,
    );
    const files = (await readdir(keysDir)).sort();
    expect(files).toEqual([`ds-${signer.id}.pem`, `iaca-${iaca!.id}.pem`, `sl-${statusListSigner.id}.pem`]);
    for (const file of files) expect((await stat(join(keysDir, file))).mode & 0o777).toBe(0o600);
    expect(await service.crl(iaca!.id)).toBeInstanceOf(Uint8Array);
    await stop();

    const again = await start({ now: START + 30 * DAY });
    expect((await again.store.trust.listIacas()).map((i) => i.fingerprint)).toEqual([iaca!.fingerprint]);
    expect(again.service.currentSigner(START + 30 * DAY)?.id).toBe(signer.id);
    expect(again.service.currentStatusListSigner(START + 30 * DAY)?.id).toBe(statusListSigner.id);
    await expectSigns(again.service, START + 30 * DAY);
  });

  it('rejects a country that is not ISO 3166-1 alpha-2, writing no key', async () => {
    await expect(start({ country: 'NZL' })).rejects.toThrow(/alpha-2/);
    await expect(readdir(keysDir)).rejects.toThrow(/ENOENT/);
  });
});

describe('rotation of a managed IACA (DESIGN §10)', () => {
  it('replaces the Document Signer before it ends, with an overlap: there is never a moment without one', async () => {
    const { service, setNow } = await start();
    const seen: string[] = [];
    // Three years in six-hour steps, as the maintenance timer would see them (it runs every 30 s).
    for (let now = START; now < START + 3 * 365 * DAY; now += DAY / 4) {
      setNow(now);
      await service.maintain();
      const current = service.currentSigner(now);
      expect(current, new Date(now).toISOString()).toBeDefined();
      expect(current!.notBefore.getTime()).toBeLessThanOrEqual(now);
      expect(current!.notAfter.getTime() - now).toBeGreaterThan(service.policy.renewBeforeMs - DAY / 4);
      if (seen.at(-1) !== current!.id) seen.push(current!.id);
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    // The one it replaced could still sign when the next took over.
    const signers = service.snapshot.signers;
    for (const [older, newer] of seen.slice(0, -1).map((id, i) => [id, seen[i + 1]!])) {
      const [a, b] = [signers.find((s) => s.record.id === older)!, signers.find((s) => s.record.id === newer)!];
      expect(b.record.certificate!.notBefore).toBeLessThan(a.record.certificate!.notAfter - service.policy.renewBeforeMs / 2);
    }
    await expectSigns(service, START + 3 * 365 * DAY - DAY / 4);
  });
});

describe('an older key directory', () => {
  /** Writes the first layout (iaca.pem, iaca-key.pem, document-signer.pem, document-signer-key.pem). */
  async function legacyDir(validDays?: number) {
    const custody = fileKeyCustody(keysDir);
    const iacaKey = await custody.generate('iaca-key');
    const iaca = await createIacaCertificate({
      key: iacaKey,
      commonName: 'Counter IACA',
      country: 'NZ',
      validity: iacaValidity(new Date(START - 100 * DAY)),
      issuerAltNameUri: 'http://192.168.1.20:8787',
      crlUri: 'http://192.168.1.20:8787/crl',
      random: systemRandom,
    });
    const signerKey = await custody.generate('document-signer-key');
    const validity = signerValidity(new Date(START - 100 * DAY), iaca.notAfter, DOCUMENT_SIGNER_PROFILE);
    if (validDays) validity.notAfter = new Date(START + validDays * DAY);
    const ds = await issueSignerCertificate({
      csr: await createSignerCsr({ key: signerKey, commonName: 'Counter Document Signer', iaca }),
      iaca,
      iacaSigner: iacaKey.signer,
      profile: DOCUMENT_SIGNER_PROFILE,
      validity,
      crlUri: 'http://192.168.1.20:8787/crl',
      random: systemRandom,
    });
    await writeFile(join(keysDir, 'iaca.pem'), iaca.toString('pem'), { mode: 0o600 });
    await writeFile(join(keysDir, 'document-signer.pem'), ds.toString('pem'), { mode: 0o600 });
    return { iaca, ds };
  }

  it('is taken over, keys where they are, sealed when a passphrase is now given', async () => {
    const { iaca, ds } = await legacyDir();
    const log: string[] = [];
    const { service, store } = await start({ passphrase: 'p', log });
    const [record] = await store.trust.listIacas();
    expect(Buffer.from(record!.certificateDer).equals(Buffer.from(iaca.rawData))).toBe(true);
    expect(record).toMatchObject({ managed: true, active: true, keyRef: { custody: 'file', name: 'iaca-key' } });
    const current = service.currentSigner(START)!;
    expect(Buffer.from(current.certificateDer).equals(Buffer.from(ds.rawData))).toBe(true);
    await expectSigns(service, START);
    const statusListSigner = service.currentStatusListSigner(START)!;
    expect((await readdir(keysDir)).sort()).toEqual([
      'document-signer-key.sealed',
      'document-signer.pem',
      'iaca-key.sealed',
      'iaca.pem',
      `sl-${statusListSigner.id}.sealed`, // the old layout had none: made at the first start under the same IACA
    ]);
    expect(log).toHaveLength(2);
    await stop();
    // The next start reads the database, not the old files.
    const again = await start({ passphrase: 'p' });
    expect(again.service.currentSigner(START)?.id).toBe(current.id);
  });

  it('is renewed under the same IACA when its Document Signer is about to end', async () => {
    const { iaca } = await legacyDir(5);
    const { service, store } = await start();
    expect(await store.trust.listIacas()).toHaveLength(1);
    const current = service.currentSigner(START)!;
    expect(Buffer.from(current.iacaCertificateDer).equals(Buffer.from(iaca.rawData))).toBe(true);
    expect(current.notAfter.getTime()).toBeGreaterThan(START + 300 * DAY);
  });

  it('is refused when partial, naming what is missing, and never replaced', async () => {
    await legacyDir();
    await unlink(join(keysDir, 'document-signer.pem'));
    await expect(start()).rejects.toThrow(/incomplete: document-signer\.pem missing/);
    expect((await readdir(keysDir)).sort()).toEqual(['document-signer-key.pem', 'iaca-key.pem', 'iaca.pem']);
  });

  it('is refused when its Document Signer is from another IACA', async () => {
    await legacyDir();
    const other = await mkdtemp(join(tmpdir(), 'counter-trust-other-'));
    try {
      const saved = keysDir;
      keysDir = other;
      await legacyDir();
      keysDir = saved;
      await writeFile(join(keysDir, 'document-signer.pem'), await readFile(join(other, 'document-signer.pem')));
      await expect(start()).rejects.toThrow(/document-signer\.pem is not signed by the IACA/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('refusals', () => {
  it('keys with no IACA in the database: restore the database, never a silent new IACA', async () => {
    await start();
    await stop();
    await rm(join(root, 'counter.sqlite'));
    await expect(start()).rejects.toThrow(/holds keys \(.*\) but the database lists no IACA/);
  });

  it('a signer whose key file is gone, naming the file', async () => {
    const { service } = await start();
    const id = service.currentSigner(START)!.id;
    await stop();
    await unlink(join(keysDir, `ds-${id}.pem`));
    await expect(start()).rejects.toThrow(new RegExp(`ds-${id}\\.pem \\(or ds-${id}\\.sealed\\) is missing`));
  });
});
