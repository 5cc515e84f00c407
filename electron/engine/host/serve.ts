import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN_FILE } from './create-engine';
import { redactDatabaseUrl } from '../storage/database-url';
import { createLogger } from './logger';
import { KEY_PASSPHRASE_ENV, passphraseProtection } from '../keys/issuer-keys';
import { HostStartError, startHost, type Host } from './start-host';
import { parseCliOptions, UsageError, USAGE, type CliOptions } from './cli-options';

/** `npm run serve`: the headless kiosk (DESIGN §2). Exits the process with a clear message on failure. */
export async function serve(argv: string[], env: NodeJS.ProcessEnv, uiDir: string | undefined): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv, env);
  } catch (error) {
    if (error instanceof UsageError) fail(error.message ? `${error.message}\n\n${USAGE}` : USAGE, error.message ? 2 : 0);
    throw error;
  }
  delete env[KEY_PASSPHRASE_ENV]; // read once; nothing this process starts inherits it
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    accessSync(options.dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    fail(`Cannot use data dir ${options.dataDir}: ${(error as Error).message}`);
  }

  let host: Host;
  try {
    const log = createLogger(options.logFormat);
    host = await startHost(options, {
      uiDir,
      log,
      ...(options.logFormat === 'json' ? { accessLog: log.entry } : {}),
      ...(options.keyPassphrase ? { keyProtection: passphraseProtection(options.keyPassphrase) } : {}),
    });
  } catch (error) {
    if (!(error instanceof HostStartError)) throw error;
    fail(error.phase === 'engine' ? `Counter could not start: ${error.message}` : listenFailure(error.cause, options));
  }
  const { engine, listener } = host;

  if (engine.generatedAdminToken) {
    console.log(`Admin API token (shown once; also saved to ${join(options.dataDir, ADMIN_TOKEN_FILE)}): ${engine.generatedAdminToken}`);
  }
  console.log(`Counter listening on ${listener.url}`);
  if (options.databaseUrl)
    console.log(`Counter database: ${redactDatabaseUrl(options.databaseUrl)} (shared; this data dir holds keys only)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Counter stopping (${signal})`);
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function listenFailure(e: NodeJS.ErrnoException, options: CliOptions): string {
  if (e.code === 'EADDRINUSE')
    return `Port ${options.port} on ${options.host} is already in use; choose another with --port (0 = any free port).`;
  if (e.code === 'EACCES') return `Not allowed to listen on ${options.host}:${options.port}; use a port above 1023.`;
  if (e.code === 'EADDRNOTAVAIL') return `${options.host} is not an address of this machine.`;
  return `Cannot listen on ${options.host}:${options.port}: ${e.message}`;
}

function fail(message: string, code = 1): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
