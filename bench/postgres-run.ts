// The PostgreSQL rows of `npm run bench` (DESIGN §13): one and two Counter processes on one
// database behind one issuer URL, on a throwaway cluster with PostgreSQL's default durability
// (fsync and synchronous_commit on). CPU is measured for each Counter process and for the cluster.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startPostgresCluster, postgresUnavailableReason, type PostgresCluster } from '../test/support/postgres-cluster';
import { cpuSeconds, loadRun, startServer, stopServer, type RunResult } from './load-run';

export interface PostgresRunResult extends RunResult {
  processes: number;
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

async function run(cluster: PostgresCluster, processes: number, flows: number, concurrency: number): Promise<PostgresRunResult> {
  const databaseUrl = await cluster.createDatabase('bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-pg-'));
  const adminToken = randomBytes(24).toString('base64url');
  const args = ['--database-url', databaseUrl, '--public-url', ISSUER];
  try {
    // The first creates schema and keys; the others start on them.
    const servers = [await startServer(dataDir, adminToken, undefined, args)];
    for (let i = 1; i < processes; i += 1) servers.push(await startServer(dataDir, adminToken, undefined, args));
    try {
      const postmaster = cluster.pid();
      const result = await loadRun(servers, adminToken, flows, concurrency, {
        audience: ISSUER,
        databaseCpuSeconds: () => clusterCpuSeconds(postmaster),
      });
      return { processes, ...result };
    } finally {
      await Promise.all(servers.map((s) => stopServer(s.child)));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both PostgreSQL rows, or why they are missing. */
export async function postgresRuns(
  flows: number,
  concurrency: number,
): Promise<{ one: PostgresRunResult; two: PostgresRunResult } | string> {
  const reason = postgresUnavailableReason();
  if (reason) return reason;
  const cluster = await startPostgresCluster({ durable: true });
  try {
    const one = await run(cluster, 1, flows, concurrency);
    const two = await run(cluster, 2, flows, concurrency);
    return { one, two };
  } finally {
    await cluster.stop();
  }
}
