// `npm run bench`: complete pre-authorized issuances against a real `npm run serve` process,
// from this separate process over keep-alive HTTP. Prints flows/s, latency percentiles per
// endpoint and the server's RSS, and writes bench/results/issuance.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { issueOnce, type Step } from '../test/support/raw-issuance';

const ROOT = resolve(import.meta.dirname, '..');
const FLOWS = Number(process.env.BENCH_FLOWS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Math.min(200, Math.floor(FLOWS / 10));

const latencies: Record<Step, number[]> = { offer: [], token: [], nonce: [], credential: [] };

async function startServer(dataDir: string, adminToken: string) {
  // BENCH_PROFILE=1 writes a V8 CPU profile of the server to bench/results/profile/ (open it in DevTools).
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results/profile')}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, COUNTER_ADMIN_TOKEN: adminToken, COUNTER_SKIP_UI_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = /Counter listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, url };
}

/** CPU seconds (user + system) the server has used: robust to whatever else the machine is doing. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ ticks (100 on Linux)
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function record(step: Step, ms: number) {
  latencies[step].push(ms);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  const adminToken = randomBytes(24).toString('base64url');
  const { child, url } = await startServer(dataDir, adminToken);
  try {
    const configurations = await (await fetch(`${url}/v2/credentials/mobile/configurations`, { headers: { authorization: `Bearer ${adminToken}` } })).json();
    const mdl = configurations.data.find((c: { type: string }) => c.type === 'org.iso.18013.5.1.mDL');
    const claims = {
      family_name: 'Bench',
      given_name: 'Mark',
      birth_date: '1990-01-01',
      issue_date: '2026-11-23',
      expiry_date: '2031-11-23',
      document_number: 'B-1',
      portrait: readFileSync(join(ROOT, 'resources/sample/portrait.jpg')).toString('base64'),
    };

    let next = 0;
    const run = async (total: number, recording: boolean) => {
      next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < total) {
            next += 1;
            await issueOnce({ url, adminToken, configurationId: mdl.id, claims }, recording ? record : undefined);
          }
        }),
      );
    };
    await run(WARMUP, false);
    const start = performance.now();
    const serverCpuStart = cpuSeconds(child.pid!);
    const clientCpuStart = process.cpuUsage();
    await run(FLOWS, true);
    const seconds = (performance.now() - start) / 1000;
    const serverCpuMsPerFlow = ((cpuSeconds(child.pid!) - serverCpuStart) * 1000) / FLOWS;
    const clientCpu = process.cpuUsage(clientCpuStart);
    const clientCpuMsPerFlow = (clientCpu.user + clientCpu.system) / 1000 / FLOWS;

    const result = {
      flows: FLOWS,
      concurrency: CONCURRENCY,
      seconds: Number(seconds.toFixed(2)),
      flowsPerSecond: Number((FLOWS / seconds).toFixed(1)),
      serverRssMb: Number(rssMb(child.pid!).toFixed(1)),
      serverCpuMsPerFlow: Number(serverCpuMsPerFlow.toFixed(3)),
      loadGeneratorCpuMsPerFlow: Number(clientCpuMsPerFlow.toFixed(3)),
      latencyMs: Object.fromEntries(
        Object.entries(latencies).map(([step, values]) => {
          const sorted = [...values].sort((a, b) => a - b);
          return [step, { p50: +percentile(sorted, 50).toFixed(2), p95: +percentile(sorted, 95).toFixed(2), p99: +percentile(sorted, 99).toFixed(2) }];
        }),
      ),
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/issuance.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`${FLOWS} complete issuances, ${CONCURRENCY} concurrent: ${result.flowsPerSecond} flows/s, server RSS ${result.serverRssMb} MB`);
    console.log(`CPU per flow: server ${result.serverCpuMsPerFlow} ms, load generator ${result.loadGeneratorCpuMsPerFlow} ms`);
    console.log('| endpoint | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|');
    for (const [step, l] of Object.entries(result.latencyMs)) console.log(`| ${step} | ${l.p50} | ${l.p95} | ${l.p99} |`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
