// The store rows of `npm run bench` (DESIGN §13): one process on SQLite, one on PostgreSQL and two
// on PostgreSQL behind one issuer URL, in the same run. This machine is shared and its load moves
// by the minute, so the three take turns for several rounds (the order rotating) and each row is
// its median round. PostgreSQL runs a throwaway cluster with its default durability (fsync and
// synchronous_commit on); CPU is measured for each Counter process and for the whole cluster.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { startPostgresCluster, postgresUnavailableReason } from '../test/support/postgres-cluster';
import { cpuSeconds, loadRun, startServer, stopServer, type RunResult } from './load-run';

export interface StoreRow extends RunResult {
  name: string;
  processes: number;
  /** Every round of this row: flows/s and Counter CPU ms per flow. */
  rounds: { flowsPerSecond: number; serverCpuMsPerFlow: number; databaseCpuMsPerFlow?: number }[];
}

/** CPU seconds of the postmaster and every process it started (backends, WAL writer, checkpointer…), living or reaped. */
function clusterCpuSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.split(') ')[1]!.split(' ')[1]) === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

const ISSUER = 'http://issuer.bench.invalid';

interface Setup {
  name: string;
  servers: { child: ChildProcess; url: string }[];
  options: Parameters<typeof loadRun>[4];
  results: RunResult[];
}

const median = (results: RunResult[]): RunResult =>
  [...results].sort((a, b) => a.flowsPerSecond - b.flowsPerSecond)[Math.floor((results.length - 1) / 2)]!;

export async function storesSideBySide(flows: number, concurrency: number, rounds: number): Promise<StoreRow[] | string> {
  const reason = postgresUnavailableReason();
  if (reason) return reason;
  const cluster = await startPostgresCluster({ durable: true });
  const adminToken = randomBytes(24).toString('base64url');
  const dirs: string[] = [];
  const setups: Setup[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'counter-bench-stores-'));
    dirs.push(d);
    return d;
  };
  try {
    const postmaster = cluster.pid();
    const pg = { audience: ISSUER, databaseCpuSeconds: () => clusterCpuSeconds(postmaster) };
    setups.push({ name: '1 process, SQLite', servers: [await startServer(dir(), adminToken)], options: {}, results: [] });
    for (const processes of [1, 2]) {
      const args = ['--database-url', await cluster.createDatabase('bench'), '--public-url', ISSUER];
      const shared = dir();
      // The first creates schema and keys; the others start on them.
      const servers = [await startServer(shared, adminToken, undefined, args)];
      for (let i = 1; i < processes; i += 1) servers.push(await startServer(shared, adminToken, undefined, args));
      setups.push({ name: `${processes} process${processes > 1 ? 'es' : ''}, PostgreSQL`, servers, options: pg, results: [] });
    }
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < setups.length; i += 1) {
        const setup = setups[(i + round) % setups.length]!;
        setup.results.push(await loadRun(setup.servers, adminToken, flows, concurrency, setup.options));
      }
    }
    return setups.map((s) => ({
      name: s.name,
      processes: s.servers.length,
      ...median(s.results),
      rounds: s.results.map((r) => ({
        flowsPerSecond: r.flowsPerSecond,
        serverCpuMsPerFlow: r.serverCpuMsPerFlow,
        ...(r.databaseCpuMsPerFlow !== undefined ? { databaseCpuMsPerFlow: r.databaseCpuMsPerFlow } : {}),
      })),
    }));
  } finally {
    await Promise.all(setups.flatMap((s) => s.servers.map((server) => stopServer(server.child))));
    await cluster.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
