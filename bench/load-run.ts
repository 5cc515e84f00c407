// One load run: a real `npm run serve` process on a data dir, driven from this process over
// keep-alive HTTP with complete issuances (bench/lean-client), measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Step } from '../test/support/raw-issuance';
import { leanIssueOnce, type FlowOptions } from './lean-client';
import { routeTable } from '../shared/routes/route-table';

export const ROOT = resolve(import.meta.dirname, '..');

export interface RunResult {
  flows: number;
  concurrency: number;
  seconds: number;
  flowsPerSecond: number;
  serverRssMb: number;
  /** All Counter processes together. */
  serverCpuMsPerFlow: number;
  /** Each Counter process (several behind one issuer URL, DESIGN §13). */
  perProcessCpuMsPerFlow: number[];
  /** The PostgreSQL cluster's processes, when the store is PostgreSQL. */
  databaseCpuMsPerFlow?: number;
  loadGeneratorCpuMsPerFlow: number;
  latencyMs: Record<Step, { p50: number; p95: number; p99: number }>;
}

export async function startServer(
  dataDir: string,
  adminToken: string,
  profileDir?: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, COUNTER_ADMIN_TOKEN: adminToken, COUNTER_SKIP_UI_BUILD: '1', ...env },
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

export async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds (user + system) a process has used: robust to whatever else the machine is doing. */
export function cpuSeconds(pid: number, withReapedChildren = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime, stime (and cutime, cstime: children already waited for) in USER_HZ ticks (100 on Linux)
  const ticks = Number(fields[11]) + Number(fields[12]) + (withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / 100;
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export async function loadRun(
  servers: { child: ChildProcess; url: string }[],
  adminToken: string,
  flows: number,
  concurrency: number,
  options: { audience?: string; databaseCpuSeconds?: () => number; flow?: FlowOptions } = {},
): Promise<RunResult> {
  const first = servers[0]!;
  const configurations = (await (
    await fetch(`${first.url}${routeTable.listConfigurations.path}`, { headers: { authorization: `Bearer ${adminToken}` } })
  ).json()) as {
    data: { id: string; type: string }[];
  };
  const target = {
    url: first.url,
    urls: servers.map((s) => s.url),
    ...(options.audience ? { audience: options.audience } : {}),
    adminToken,
    configurationId: configurations.data.find((c) => c.type === 'org.iso.18013.5.1.mDL')!.id,
    claims: {
      family_name: 'Bench',
      given_name: 'Mark',
      birth_date: '1990-01-01',
      issue_date: '2026-11-23',
      expiry_date: '2031-11-23',
      document_number: 'B-1',
      portrait: readFileSync(join(ROOT, 'resources/sample/portrait.jpg')).toString('base64'),
    },
  };
  const latencies: Record<Step, number[]> = { offer: [], token: [], nonce: [], credential: [] };
  const run = async (total: number, record: boolean) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next += 1;
          await leanIssueOnce(target, record ? (step, ms) => latencies[step].push(ms) : undefined, options.flow);
        }
      }),
    );
  };
  await run(Math.min(200, Math.ceil(flows / 10)), false); // warm-up
  const pids = servers.map((s) => s.child.pid!);
  const databaseCpu = options.databaseCpuSeconds?.();
  const [serverCpu, clientCpu, start] = [pids.map((pid) => cpuSeconds(pid)), process.cpuUsage(), performance.now()];
  await run(flows, true);
  const seconds = (performance.now() - start) / 1000;
  const client = process.cpuUsage(clientCpu);
  const perProcess = pids.map((pid, i) => ((cpuSeconds(pid) - serverCpu[i]!) * 1000) / flows);
  return {
    flows,
    concurrency,
    seconds: round(seconds),
    flowsPerSecond: round(flows / seconds, 1),
    serverRssMb: round(Math.max(...pids.map(rssMb)), 1),
    serverCpuMsPerFlow: round(
      perProcess.reduce((a, b) => a + b, 0),
      3,
    ),
    perProcessCpuMsPerFlow: perProcess.map((ms) => round(ms, 3)),
    ...(databaseCpu !== undefined
      ? { databaseCpuMsPerFlow: round(((options.databaseCpuSeconds!() - databaseCpu) * 1000) / flows, 3) }
      : {}),
    loadGeneratorCpuMsPerFlow: round((client.user + client.system) / 1000 / flows, 3),
    latencyMs: Object.fromEntries(
      Object.entries(latencies).map(([step, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [step, { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) }];
      }),
    ) as RunResult['latencyMs'],
  };
}
