// `npm run bench` (DESIGN §6, §10, §11, §12, §13): complete pre-authorized issuances against a real `npm run serve`,
// on an empty data dir (the Document Signer key in-process; the same with no status list entry in the
// MSO unless BENCH_STATUS_COMPARE=0; then in a SoftHSM2 token through PKCS#11
// unless BENCH_PKCS11=0 or SoftHSM2 is missing) and on one holding BENCH_HISTORIC offers (default
// 1,000,000), then one process on SQLite, one on PostgreSQL and two on PostgreSQL side by side
// (BENCH_STORE_ROUNDS rounds of BENCH_STORE_FLOWS flows; BENCH_POSTGRES=0 skips them), the wallet
// protocol rows (Bearer vs DPoP, batch size 1 vs 10: BENCH_WALLET_ROUNDS rounds of BENCH_WALLET_FLOWS
// flows; BENCH_WALLET=0 skips them), the same cryptography alone, and (BENCH_UI=1) the counter UI's
// create → QR time. Writes
// bench/results/issuance.json and bench/results/issuance.md, and prints the table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { seedHistoricOffers } from './historic-offers';
import { cryptoFlowsPerSecond } from './crypto-baseline';
import { loadRun, ROOT, startServer, stopServer, type RunResult } from './load-run';
import { routeTable } from '../shared/routes/route-table';
import { storesSideBySide, type StoreRow } from './postgres-run';
import { createSoftHsmToken, softHsmMissing } from '../test/support/softhsm';
import { walletProtocolRuns, walletProtocolSection, type WalletProtocolRuns } from './wallet-protocol-run';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const HISTORIC = Number(process.env.BENCH_HISTORIC ?? 1_000_000);
const STORE_FLOWS = Number(process.env.BENCH_STORE_FLOWS ?? 1500);
const STORE_ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 3);
const WALLET_FLOWS = Number(process.env.BENCH_WALLET_FLOWS ?? 1000);
const WALLET_ROUNDS = Number(process.env.BENCH_WALLET_ROUNDS ?? 3);
const RESULTS = join(ROOT, 'bench/results');
/** Rounds of the empty-DB run with and without a status list entry, taking turns (order alternating): this machine's load moves by the minute. */
const STATUS_ROUNDS = Number(process.env.BENCH_STATUS_ROUNDS ?? 1);

type Scenario = RunResult & { historicOffers: number; signerKey: 'in-process' | 'SoftHSM2'; statusList: boolean };

/** DESIGN §11: the seeded mDL puts a status list entry in every MSO; the comparison row turns that off. */
async function withoutStatus(url: string, adminToken: string): Promise<void> {
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const { data } = (await (await fetch(`${url}${routeTable.listConfigurations.path}`, { headers })).json()) as {
    data: ({ id: string; type: string } & Record<string, unknown>)[];
  };
  const { id, ...mdl } = data.find((c) => c.type === 'org.iso.18013.5.1.mDL')!;
  const response = await fetch(`${url}/v2/credentials/mobile/configurations/${id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...mdl, includeStatus: false }),
  });
  if (!response.ok) throw new Error(`could not turn the status list off: ${response.status} ${await response.text()}`);
}

async function scenario(historic: number, pkcs11Env?: Record<string, string>, statusList = true): Promise<Scenario> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  const adminToken = randomBytes(24).toString('base64url');
  try {
    if (historic > 0) {
      // Start once so the engine creates the schema, keys and configurations, then fill it.
      const first = await startServer(dataDir, adminToken);
      const { data } = (await (
        await fetch(`${first.url}${routeTable.listConfigurations.path}`, { headers: { authorization: `Bearer ${adminToken}` } })
      ).json()) as { data: { id: string }[] };
      await stopServer(first.child);
      const started = performance.now();
      seedHistoricOffers(join(dataDir, 'counter.sqlite'), historic, data[0]!.id);
      console.error(`seeded ${historic} historic offers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const profileDir = process.env.BENCH_PROFILE === '1' ? join(RESULTS, 'profile') : undefined;
    const server = await startServer(dataDir, adminToken, profileDir, [], pkcs11Env);
    try {
      if (!statusList) await withoutStatus(server.url, adminToken);
      return {
        historicOffers: historic,
        signerKey: pkcs11Env ? 'SoftHSM2' : 'in-process',
        statusList,
        ...(await loadRun([server], adminToken, FLOWS, CONCURRENCY)),
      };
    } finally {
      await stopServer(server.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function uiCreateToQr(): { medianMs: number } | undefined {
  if (process.env.BENCH_UI !== '1') return undefined;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', 'test/e2e/create-to-qr-timing.spec.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, COUNTER_MEASURE_UI: '1' },
  });
  const file = join(ROOT, 'test-results/create-to-qr.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { medianMs: number }) : undefined;
}

/** The same empty-DB run with the Document Signer key in a fresh SoftHSM2 token (DESIGN §10). */
async function pkcs11Scenario(): Promise<Scenario | string> {
  if (process.env.BENCH_PKCS11 === '0') return 'BENCH_PKCS11=0';
  const missing = softHsmMissing();
  if (missing) return missing;
  const token = createSoftHsmToken('counter-bench', '424242');
  try {
    return await scenario(0, token.counterEnv);
  } finally {
    token.remove();
  }
}

/** The median round of each (by flows/s), with every round's flows/s and server CPU. */
async function statusComparison(): Promise<{ empty: Scenario; noStatus: Scenario; rounds: { status: Scenario; none: Scenario }[] }> {
  const rounds: { status: Scenario; none: Scenario }[] = [];
  for (let round = 0; round < STATUS_ROUNDS; round += 1) {
    if (round % 2 === 0) {
      const status = await scenario(0);
      rounds.push({ status, none: await scenario(0, undefined, false) });
    } else {
      const none = await scenario(0, undefined, false);
      rounds.push({ none, status: await scenario(0) });
    }
  }
  const median = (xs: Scenario[]) => [...xs].sort((a, b) => a.flowsPerSecond - b.flowsPerSecond)[Math.floor((xs.length - 1) / 2)]!;
  return { empty: median(rounds.map((r) => r.status)), noStatus: median(rounds.map((r) => r.none)), rounds };
}

function markdown(r: {
  empty: Scenario;
  noStatus?: Scenario;
  statusRounds?: { status: Scenario; none: Scenario }[];
  pkcs11?: Scenario;
  pkcs11Skipped?: string;
  historic?: Scenario;
  cryptoFlowsPerSecond: number;
  ui?: { medianMs: number };
  stores?: StoreRow[] | string;
  walletProtocol?: WalletProtocolRuns;
}): string {
  const rows = [r.empty, ...(r.noStatus ? [r.noStatus] : []), ...(r.pkcs11 ? [r.pkcs11] : []), ...(r.historic ? [r.historic] : [])];
  const name = (x: Scenario) =>
    `${x.historicOffers ? `${x.historicOffers.toLocaleString('en')} offers in DB` : 'empty DB'}, DS key ${x.signerKey === 'SoftHSM2' ? 'in SoftHSM2 (PKCS#11)' : 'in-process'}${x.statusList ? '' : ', no status list'}`;
  const lines = [
    `${FLOWS} complete issuances (offer → token → nonce → credential, fresh device key each), ${CONCURRENCY} concurrent, keep-alive HTTP from a separate process, 2 cores shared by server and load generator.`,
    '',
    '| run | flows/s | server CPU ms/flow | load gen CPU ms/flow | server RSS MB | offer p50/p95/p99 ms | token p50/p95/p99 | nonce p50/p95/p99 | credential p50/p95/p99 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((x) => {
      const l = (s: keyof RunResult['latencyMs']) => `${x.latencyMs[s].p50} / ${x.latencyMs[s].p95} / ${x.latencyMs[s].p99}`;
      return `| ${name(x)} | ${x.flowsPerSecond} | ${x.serverCpuMsPerFlow} | ${x.loadGeneratorCpuMsPerFlow} | ${x.serverRssMb} | ${l('offer')} | ${l('token')} | ${l('nonce')} | ${l('credential')} |`;
    }),
    '',
    `Cryptography alone (1 ES256 verify + 1 ES256 sign + 1 ES256 verify + 26 SHA-256, node:crypto, one core): ${Math.round(r.cryptoFlowsPerSecond)} flows/s; full flow / crypto = ${(r.empty.flowsPerSecond / r.cryptoFlowsPerSecond).toFixed(3)}.`,
  ];
  if (r.noStatus) {
    const rounds = r.statusRounds ?? [{ status: r.empty, none: r.noStatus }];
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    // Each round's two runs are back to back, so their ratio cancels most of the machine's drifting load.
    const flowRatio = med(rounds.map((x) => x.status.flowsPerSecond / x.none.flowsPerSecond));
    const cpuRatio = med(rounds.map((x) => x.status.serverCpuMsPerFlow / x.none.serverCpuMsPerFlow));
    const each = rounds
      .map(
        (x) =>
          `${x.status.flowsPerSecond}/${x.none.flowsPerSecond} flows/s, ${x.status.serverCpuMsPerFlow}/${x.none.serverCpuMsPerFlow} ms`,
      )
      .join('; ');
    lines.push(
      `Status list entry in every MSO (DESIGN §11) vs none, ${rounds.length} round(s) taking turns, the medians of each round's ratio: ${flowRatio.toFixed(3)}× flows/s, ${cpuRatio.toFixed(3)}× server CPU per flow; median server CPU ${med(rounds.map((x) => x.status.serverCpuMsPerFlow))} vs ${med(rounds.map((x) => x.none.serverCpuMsPerFlow))} ms/flow (each round, with/without: ${each}).`,
    );
  }
  if (r.pkcs11) {
    lines.push(
      `Document Signer key in SoftHSM2 vs in-process, same run: ${r.pkcs11.flowsPerSecond} vs ${r.empty.flowsPerSecond} flows/s (${(r.pkcs11.flowsPerSecond / r.empty.flowsPerSecond).toFixed(3)}×); server CPU ${r.pkcs11.serverCpuMsPerFlow} vs ${r.empty.serverCpuMsPerFlow} ms/flow; credential p50 ${r.pkcs11.latencyMs.credential.p50} vs ${r.empty.latencyMs.credential.p50} ms.`,
    );
  } else if (r.pkcs11Skipped) {
    lines.push(`Document Signer key in SoftHSM2: not run (${r.pkcs11Skipped}).`);
  }
  if (r.historic) {
    const ratio = (s: 'offer' | 'credential' | 'token') => (r.historic!.latencyMs[s].p50 / r.empty.latencyMs[s].p50).toFixed(2);
    lines.push(
      `With ${r.historic.historicOffers.toLocaleString('en')} offers: p50 latency ratio vs empty: create ${ratio('offer')}×, token (redeem) ${ratio('token')}×, credential ${ratio('credential')}× (target ≤ 1.2×).`,
    );
  }
  if (r.stores) lines.push('', ...storesSection(r.stores));
  if (r.walletProtocol) lines.push('', ...walletProtocolSection(r.walletProtocol));
  if (r.ui) lines.push(`Counter UI, *Create offer* → QR drawn (Chromium, median of 20): ${r.ui.medianMs} ms.`);
  return `${lines.join('\n')}\n`;
}

function storesSection(rows: StoreRow[] | string): string[] {
  if (typeof rows === 'string') return [`Store rows skipped: ${rows}.`];
  const [sqlite, one, two] = rows as [StoreRow, StoreRow, StoreRow];
  const ms = (x: StoreRow) => `${x.serverCpuMsPerFlow} (${x.perProcessCpuMsPerFlow.join(' + ')})`;
  const total = (x: RunResult) => round(x.serverCpuMsPerFlow + (x.databaseCpuMsPerFlow ?? 0) + x.loadGeneratorCpuMsPerFlow);
  const row = (x: StoreRow) =>
    `| ${x.name} | ${x.flowsPerSecond} (${x.rounds.map((r) => r.flowsPerSecond).join(', ')}) | ${ms(x)} | ${x.databaseCpuMsPerFlow ?? '–'} | ${x.loadGeneratorCpuMsPerFlow} | ${total(x)} | ${x.latencyMs.token.p50} / ${x.latencyMs.token.p95} | ${x.latencyMs.credential.p50} / ${x.latencyMs.credential.p95} |`;
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  return [
    `Stores side by side: ${STORE_ROUNDS} rounds of ${STORE_FLOWS} flows each, ${CONCURRENCY} concurrent, the three taking turns (order rotating); each row is its median round (all rounds in brackets). With two processes each request goes to the next process in turn, as a round-robin balancer would, so a flow's token and credential usually come from different processes. PostgreSQL 15 on this machine with its default durability (fsync, synchronous_commit on).`,
    '',
    '| run | flows/s (rounds) | Counter CPU ms/flow (per process) | PostgreSQL CPU ms/flow | load gen CPU ms/flow | all CPU ms/flow | token p50/p95 ms | credential p50/p95 ms |',
    '|---|---|---|---|---|---|---|---|',
    row(sqlite),
    row(one),
    row(two),
    '',
    `Ratios: PostgreSQL/SQLite (1 process) ${ratio(one.flowsPerSecond, sqlite.flowsPerSecond)}× flows/s, ${ratio(one.serverCpuMsPerFlow, sqlite.serverCpuMsPerFlow)}× Counter CPU per flow, ${ratio(total(one), total(sqlite))}× all CPU per flow; 2/1 processes on PostgreSQL ${ratio(two.flowsPerSecond, one.flowsPerSecond)}× flows/s, ${ratio(two.serverCpuMsPerFlow, one.serverCpuMsPerFlow)}× Counter CPU per flow. CPU-bound ceiling on 2 cores (2000 / all CPU ms per flow): ${Math.round(2000 / total(sqlite))}, ${Math.round(2000 / total(one))}, ${Math.round(2000 / total(two))} flows/s.`,
  ];
}

const round = (n: number) => Number(n.toFixed(3));

const crypto = cryptoFlowsPerSecond();
const comparison = process.env.BENCH_STATUS_COMPARE === '0' ? undefined : await statusComparison();
const empty = comparison?.empty ?? (await scenario(0));
const noStatus = comparison?.noStatus;
const pkcs11 = await pkcs11Scenario();
const stores = process.env.BENCH_POSTGRES === '0' ? undefined : await storesSideBySide(STORE_FLOWS, CONCURRENCY, STORE_ROUNDS);
const walletProtocol = process.env.BENCH_WALLET === '0' ? undefined : await walletProtocolRuns(WALLET_FLOWS, CONCURRENCY, WALLET_ROUNDS);
const historic = HISTORIC > 0 ? await scenario(HISTORIC) : undefined;
const ui = uiCreateToQr();
const result = {
  empty,
  ...(noStatus ? { noStatus, statusRounds: comparison!.rounds } : {}),
  ...(typeof pkcs11 === 'string' ? { pkcs11Skipped: pkcs11 } : { pkcs11 }),
  ...(historic ? { historic } : {}),
  ...(stores ? { stores } : {}),
  ...(walletProtocol ? { walletProtocol } : {}),
  cryptoFlowsPerSecond: Math.round(crypto),
  ...(ui ? { ui } : {}),
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'issuance.json'), `${JSON.stringify(result, null, 2)}\n`);
const md = markdown(result);
writeFileSync(join(RESULTS, 'issuance.md'), md);
console.log(md);
