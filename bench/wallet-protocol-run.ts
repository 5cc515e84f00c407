// The wallet protocol rows of `npm run bench` (DESIGN §12), on one SQLite server in the same run:
// Bearer vs DPoP-bound issuances (one copy each), and batch issuance at batch size 1 and 10
// (credentials per second: a batch of 10 is ten mDocs, each signed and checked on its own). This
// machine is shared and its load moves by the minute, so the three take turns for several rounds
// (the order rotating) and each row is its median round.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FlowOptions } from './lean-client';
import { loadRun, startServer, stopServer, type RunResult } from './load-run';

export interface WalletProtocolRow extends RunResult {
  name: string;
  /** mDocs per flow. */
  copies: number;
  credentialsPerSecond: number;
  serverCpuMsPerCredential: number;
  rounds: { flowsPerSecond: number; credentialsPerSecond: number; serverCpuMsPerFlow: number }[];
}

export interface WalletProtocolRuns {
  /** Flows per round of the one-copy rows; the batch-10 row runs a tenth of them (as many mDocs). */
  flows: number;
  rounds: number;
  concurrency: number;
  bearer: WalletProtocolRow;
  dpop: WalletProtocolRow;
  batch10: WalletProtocolRow;
}

const SETUPS = [
  { key: 'bearer', name: 'Bearer, batch size 1', flow: {} },
  { key: 'dpop', name: 'DPoP, batch size 1', flow: { dpop: true } },
  { key: 'batch10', name: 'Bearer, batch size 10', flow: { copies: 10 } },
] as const satisfies readonly { key: string; name: string; flow: FlowOptions }[];

const median = (results: RunResult[]): RunResult =>
  [...results].sort((a, b) => a.flowsPerSecond - b.flowsPerSecond)[Math.floor((results.length - 1) / 2)]!;
const round3 = (n: number) => Number(n.toFixed(3));

export async function walletProtocolRuns(flows: number, concurrency: number, rounds: number): Promise<WalletProtocolRuns> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-wallet-'));
  const adminToken = randomBytes(24).toString('base64url');
  const server = await startServer(dataDir, adminToken);
  try {
    const results = new Map<string, RunResult[]>(SETUPS.map((s) => [s.key, []]));
    for (let r = 0; r < rounds; r += 1) {
      for (let i = 0; i < SETUPS.length; i += 1) {
        const setup = SETUPS[(i + r) % SETUPS.length]!;
        const copies = 'copies' in setup.flow ? setup.flow.copies : 1;
        const n = Math.max(1, Math.round(flows / copies));
        results.get(setup.key)!.push(await loadRun([server], adminToken, n, concurrency, { flow: setup.flow }));
      }
    }
    const row = (setup: (typeof SETUPS)[number]): WalletProtocolRow => {
      const copies = 'copies' in setup.flow ? setup.flow.copies : 1;
      const all = results.get(setup.key)!;
      const m = median(all);
      return {
        name: setup.name,
        copies,
        ...m,
        credentialsPerSecond: Math.round(m.flowsPerSecond * copies),
        serverCpuMsPerCredential: round3(m.serverCpuMsPerFlow / copies),
        rounds: all.map((x) => ({
          flowsPerSecond: x.flowsPerSecond,
          credentialsPerSecond: Math.round(x.flowsPerSecond * copies),
          serverCpuMsPerFlow: x.serverCpuMsPerFlow,
        })),
      };
    };
    return { flows, rounds, concurrency, bearer: row(SETUPS[0]), dpop: row(SETUPS[1]), batch10: row(SETUPS[2]) };
  } finally {
    await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function walletProtocolSection(r: WalletProtocolRuns): string[] {
  const line = (x: WalletProtocolRow) =>
    `| ${x.name} | ${x.flows} | ${x.flowsPerSecond} (${x.rounds.map((y) => y.flowsPerSecond).join(', ')}) | ${x.credentialsPerSecond} (${x.rounds.map((y) => y.credentialsPerSecond).join(', ')}) | ${x.serverCpuMsPerFlow} | ${x.serverCpuMsPerCredential} | ${x.latencyMs.token.p50} / ${x.latencyMs.token.p95} | ${x.latencyMs.credential.p50} / ${x.latencyMs.credential.p95} |`;
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  return [
    `Wallet protocol (DESIGN §12): one process on SQLite, ${r.rounds} round${r.rounds === 1 ? '' : 's'}, the three rows taking turns (order rotating), ${r.concurrency} concurrent; each row is its median round (all rounds in brackets). DPoP adds a proof at the token and at the credential request (verified, its jti recorded once in the database) and binds the token to its key; a batch is one credential request with several proofs, one fresh device key and one mDoc each.`,
    '',
    '| run | flows/round | flows/s (rounds) | credentials/s (rounds) | server CPU ms/flow | server CPU ms/credential | token p50/p95 ms | credential p50/p95 ms |',
    '|---|---|---|---|---|---|---|---|',
    line(r.bearer),
    line(r.dpop),
    line(r.batch10),
    '',
    `DPoP/Bearer: ${ratio(r.dpop.flowsPerSecond, r.bearer.flowsPerSecond)}× flows/s, ${ratio(r.dpop.serverCpuMsPerFlow, r.bearer.serverCpuMsPerFlow)}× server CPU per flow. Batch size 10/1: ${ratio(r.batch10.credentialsPerSecond, r.bearer.credentialsPerSecond)}× credentials/s, ${ratio(r.batch10.serverCpuMsPerCredential, r.bearer.serverCpuMsPerCredential)}× server CPU per credential.`,
  ];
}
