// A throwaway PostgreSQL cluster for tests and the benchmark (DESIGN §13): initdb on a temp dir,
// 127.0.0.1 and a free port, stopped and deleted at the end. As root (CI containers) the server
// runs as the `postgres` user, since initdb refuses root. Binaries: COUNTER_PG_BIN, else Debian's
// /usr/lib/postgresql/<newest>/bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresCluster {
  /** postgres://…/postgres as the superuser. */
  adminUrl: string;
  /** A new, empty database on this cluster. */
  createDatabase(prefix?: string): Promise<string>;
  /** The postmaster's process id (the benchmark measures the cluster's CPU from it). */
  pid(): number;
  /** Stops the server abruptly (an outage) and starts it again on the same port. */
  halt(): void;
  resume(): void;
  stop(): Promise<void>;
}

function binDir(): string | undefined {
  if (process.env.COUNTER_PG_BIN) return process.env.COUNTER_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why no cluster can be started here, or undefined when one can. */
export function postgresUnavailableReason(): string | undefined {
  const bin = binDir();
  if (!bin) return 'PostgreSQL server binaries not found (apt-get install postgresql, or set COUNTER_PG_BIN)';
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root, and there is no postgres user to run the server as';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `durable: false` (tests) turns off fsync for speed; the benchmark keeps PostgreSQL's defaults, so
 * that its commits are as durable as a production server's.
 */
export async function startPostgresCluster(
  options: { durable?: boolean; settings?: Record<string, string> } = {},
): Promise<PostgresCluster> {
  const bin = binDir();
  const reason = postgresUnavailableReason();
  if (!bin || reason) throw new Error(reason);
  const dir = mkdtempSync(join(tmpdir(), 'counter-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    if (!asRoot) return execFileSync(join(bin, command), args, { stdio: 'pipe' });
    const line = [join(bin, command), ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
    return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', line], { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${dir}'`,
    max_connections: '200',
    // Without fsync a commit still reaches the OS before it is acknowledged, so a server killed
    // (not the machine) loses nothing acknowledged: what the outage test relies on.
    ...(options.durable ? {} : { fsync: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    const conf = Object.entries(settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n');
    writeFileSync(join(data, 'postgresql.auto.conf'), `${conf}\n`);
    if (asRoot) chownSync(join(data, 'postgresql.auto.conf'), ...ownerOf(dir));
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL cluster: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`, {
      cause: error,
    });
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    async createDatabase(prefix = 'counter') {
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    halt: () => void run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    resume: () => void run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']),
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function ownerOf(dir: string): [number, number] {
  const out = execFileSync('stat', ['-c', '%u %g', dir]).toString().trim().split(' ');
  return [Number(out[0]), Number(out[1])];
}
