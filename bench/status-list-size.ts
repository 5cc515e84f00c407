// The Status List Token's size (DESIGN §11): a list of 2^16 entries with 1 % of them revoked at
// random indices (as the keyed permutation spreads them), built by the engine's own code (the
// @sd-jwt/jwt-status-list packing + zlib, the CWT signed through a signer port with a status-list
// signer certificate a managed IACA issued). Usage: node --import tsx bench/status-list-size.ts
// [entries=65536] [revoked %=1] [draws=25]. Prints one line per size, then what drawing one entry
// costs (SQLite in a temp dir, as each issuance does it), and writes nothing else.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compressedStatusList } from '../electron/engine/core/status/status-list-bits';
import { signStatusListToken } from '../electron/engine/core/status/status-list-token';
import { systemRandom } from '../electron/engine/core/util/secrets';
import { STATUS_LIST_SIGNER_PROFILE, iacaValidity, signerValidity } from '../electron/engine/keys/certificate-profiles';
import { fileKeyCustody } from '../electron/engine/keys/file-key-custody';
import { StatusLists, DEFAULT_STATUS_LIST_SETTINGS } from '../electron/engine/core/status/status-lists';
import { openSqliteStores } from '../electron/engine/storage/sqlite-stores';
import { createIacaCertificate, createSignerCsr, issueSignerCertificate } from '../electron/engine/keys/x509/build-certificates';

const [entries = 65_536, percent = 1, draws = 25] = process.argv.slice(2).map(Number);
const revokedCount = Math.round((entries * percent) / 100);

const dir = mkdtempSync(join(tmpdir(), 'counter-status-size-'));
try {
  const custody = fileKeyCustody(dir);
  const now = new Date();
  const iacaKey = await custody.generate('iaca');
  const iaca = await createIacaCertificate({
    key: iacaKey,
    commonName: 'Counter IACA',
    country: 'NZ',
    validity: iacaValidity(now),
    issuerAltNameUri: 'https://counter.branch.example',
    crlUri: 'https://counter.branch.example/v2/credentials/mobile/iacas/00000000-0000-4000-8000-000000000000/crl',
    random: systemRandom,
  });
  const signerKey = await custody.generate('sl');
  const certificate = await issueSignerCertificate({
    csr: await createSignerCsr({ key: signerKey, commonName: 'Counter Status List Signer', iaca }),
    iaca,
    iacaSigner: iacaKey.signer,
    profile: STATUS_LIST_SIGNER_PROFILE,
    validity: signerValidity(now, iaca.notAfter, STATUS_LIST_SIGNER_PROFILE),
    crlUri: 'https://counter.branch.example/v2/credentials/mobile/iacas/00000000-0000-4000-8000-000000000000/crl',
    random: systemRandom,
  });
  const certificateDer = new Uint8Array(certificate.rawData);
  const signer = {
    kind: 'status_list_signer' as const,
    id: 'bench',
    certificateDer,
    notAfter: certificate.notAfter,
    sign: (data: Uint8Array) => signerKey.signer.sign(data),
  };

  const sizes: { lst: number; token: number }[] = [];
  for (let draw = 0; draw < draws; draw += 1) {
    const revoked = new Set<number>();
    while (revoked.size < revokedCount) revoked.add(Buffer.from(systemRandom.bytes(4)).readUInt32BE(0) % entries);
    const lst = compressedStatusList(entries, revoked);
    const token = await signStatusListToken(
      {
        uri: 'https://status.branch.example/lists/6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5.cwt',
        issuedAt: now.getTime(),
        expiresAt: now.getTime() + 7 * 86_400_000,
        ttlSeconds: 3600,
        lst,
      },
      signer,
    );
    sizes.push({ lst: lst.length, token: token.length });
  }
  const empty = compressedStatusList(entries, []).length;
  const stat = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `min ${sorted[0]} / median ${sorted[Math.floor(sorted.length / 2)]} / max ${sorted.at(-1)}`;
  };
  console.log(
    `Status List Token (CWT) for ${entries.toLocaleString('en')} entries, 1 bit each, ${revokedCount} revoked (${percent} %), ${draws} random draws:`,
  );
  console.log(`  uncompressed list: ${entries / 8} bytes; no entry revoked, compressed: ${empty} bytes`);
  console.log(`  compressed list (lst, zlib level 9): ${stat(sizes.map((s) => s.lst))} bytes`);
  console.log(`  whole token (COSE_Sign1 with x5chain, claims, ES256 signature): ${stat(sizes.map((s) => s.token))} bytes`);
  console.log(
    `  of which the status-list signer certificate: ${certificateDer.length} bytes (${new x509.X509Certificate(certificateDer).subject})`,
  );

  // One entry per issuance (DESIGN §11): an atomic UPDATE of the list's counter and the keyed permutation.
  const stores = openSqliteStores(join(dir, 'counter.sqlite'));
  try {
    const lists = new StatusLists({
      stores,
      clock: { now: () => Date.now() },
      random: systemRandom,
      settings: DEFAULT_STATUS_LIST_SETTINGS,
      credentialIssuer: 'https://counter.branch.example',
      trust: { currentIacaId: () => 'iaca', signersUnder: () => ({ statusListSigner: signer }) },
    });
    await lists.allocate(1, 'iaca'); // the list, and its first token
    const n = 5000;
    const [cpu, start] = [process.cpuUsage(), performance.now()];
    for (let i = 0; i < n; i += 1) await lists.allocate(1, 'iaca');
    const used = process.cpuUsage(cpu);
    console.log(
      `Drawing one status list entry (SQLite, one process, ${n} in a row): ${((used.user + used.system) / n) | 0} µs CPU, ${(((performance.now() - start) * 1000) / n) | 0} µs wall each.`,
    );
  } finally {
    await stores.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
