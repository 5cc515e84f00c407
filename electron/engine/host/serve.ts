import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN_FILE } from './create-engine';
import { redactDatabaseUrl } from '../storage/database-url';
import { createLogger } from './logger';
import { passphraseProtection } from '../keys/key-protection';
import { HostStartError, startHost, type Host } from './start-host';
import { isLoopback, parseCliOptions, SECRET_ENV, UsageError, USAGE, type CliOptions } from './cli-options';

/** `npm run serve`: the headless kiosk (DESIGN §2). Exits the process with a clear message on failure. */
export async function serve(argv: string[], env: NodeJS.ProcessEnv, uiDir: string | undefined): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv, env);
  } catch (error) {
    if (error instanceof UsageError) fail(error.message ? `${error.message}\n\n${USAGE}` : USAGE, error.message ? 2 : 0);
    throw error;
  }
  for (const name of SECRET_ENV) delete env[name]; // read once; nothing this process starts inherits them
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
    fail(error.phase === 'engine' ? `Counter could not start: ${error.message}` : listenFailure(error, options));
  }
  const { engine, listener, clerkListener } = host;

  if (engine.generatedAdminToken) {
    console.log(`Admin API token (shown once; also saved to ${join(options.dataDir, ADMIN_TOKEN_FILE)}): ${engine.generatedAdminToken}`);
  }
  for (const warning of exposureWarnings(options)) console.warn(`Warning: ${warning}`);
  console.log(`Counter listening on ${listener.url}`);
  if (clerkListener) console.log(`Counter clerk UI on ${clerkListener.url}`);
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

function listenFailure(error: HostStartError, options: CliOptions): string {
  const e = error.cause;
  const clerk = error.listener === 'clerk' && options.clerk;
  const { host, port } = clerk ? options.clerk! : options;
  const flag = clerk ? '--clerk-port' : '--port';
  if (e.code === 'EADDRINUSE') return `Port ${port} on ${host} is already in use; choose another with ${flag} (0 = any free port).`;
  if (e.code === 'EACCES') return `Not allowed to listen on ${host}:${port}; use a port above 1023.`;
  if (e.code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine.`;
  return `Cannot listen on ${host}:${port}: ${e.message}`;
}

/** What a branch's IT should hear when the kiosk faces the Wi-Fi without what wallets need there (DESIGN §2, §8). */
export function exposureWarnings(options: CliOptions): string[] {
  const warnings: string[] = [];
  if (!isLoopback(options.host)) {
    if (!options.publicUrl)
      warnings.push(
        `wallets reach this kiosk on ${options.host}, but no --public-url is set: credential_issuer becomes http://${options.host}:…, which phones cannot use; give the address phones use.`,
      );
    if (!options.tls) warnings.push('the wallet-facing listener has no TLS (--tls-cert, --tls-key): most wallets refuse plain http.');
  }
  if (options.clerk && !isLoopback(options.clerk.host) && !options.tls)
    warnings.push(`the clerk's listener on ${options.clerk.host} has no TLS: API tokens would cross the network in clear.`);
  return warnings;
}

function fail(message: string, code = 1): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
