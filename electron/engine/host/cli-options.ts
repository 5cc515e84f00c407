import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isPostgresUrl } from '../storage/database-url';
import type { LogFormat } from './logger';
import { pkcs11ConfigFromEnv, PKCS11_ENV, type Pkcs11Config } from '../keys/pkcs11/pkcs11-config';

export interface CliOptions {
  dataDir: string;
  /** The wallet-facing listener (DESIGN §8): what phones on the branch Wi-Fi reach. */
  host: string;
  port: number;
  /** The clerk's listener (management API + counter UI) when it is not the wallet-facing one. */
  clerk?: { host: string; port: number };
  publicUrl?: string;
  tls?: { certFile: string; keyFile: string };
  adminToken?: string;
  /** COUNTER_KEY_PASSPHRASE: environment only, never a flag (flags show in `ps`). */
  keyPassphrase?: string;
  tokenFailuresPerMinute?: number;
  /** DESIGN §9: COUNTER_RETENTION_DAYS (ended offers and authorizations), COUNTER_EVENT_RETENTION_DAYS. */
  retention?: { endedDays?: number; eventDays?: number };
  /** DESIGN §13: a postgres:// URL; without it the SQLite file in the data dir. */
  databaseUrl?: string;
  /** --log-format / COUNTER_LOG_FORMAT: `json` for one JSON object per log line. */
  logFormat: LogFormat;
  /** COUNTER_OFFER_SECONDS: how long an offer made at the counter lasts unless the request says (DESIGN §3: 5 min, at most 10). */
  defaultOfferSeconds?: number;
  /** COUNTER_TRUSTED_REDIRECT_URIS: where a refused authorization request may be sent back to (DESIGN §8). */
  trustedRedirectUris?: string[];
  /** DESIGN §10: COUNTER_COUNTRY, the country of a new managed IACA (ISO 3166-1 alpha-2). */
  country?: string;
  /** DESIGN §10: COUNTER_PKCS11_* (environment only: the PIN never goes on a command line). */
  pkcs11?: Pkcs11Config;
  /** DESIGN §11: --status-list-base-url, the public place the MSO's status list `uri` points at. */
  statusListBaseUrl?: string;
  /** DESIGN §12: COUNTER_METADATA_SIGNING_KEY and _CERT (PEM files) make the issuer metadata signed. */
  metadataSigning?: { keyFile: string; certFile: string };
}

export class UsageError extends Error {}

const zPort = z.coerce.number().int().min(0).max(65535);
const zUrl = z.url({ protocol: /^https?$/ });

/** DESIGN §2: flags win over environment variables, which win over defaults. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'clerk-host': { type: 'string' },
        'clerk-port': { type: 'string' },
        'public-url': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'database-url': { type: 'string' },
        'log-format': { type: 'string' },
        'status-list-base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const pick = (flag: string, name: string) => (values[flag] as string | undefined) ?? (env[name] || undefined);

  const port = parsePort('--port', pick('port', 'COUNTER_PORT') ?? '8787');
  const publicUrl = pick('public-url', 'COUNTER_PUBLIC_URL');
  if (publicUrl !== undefined && !zUrl.safeParse(publicUrl).success)
    throw new UsageError(`--public-url must be an http(s) URL, not "${publicUrl}"`);
  const certFile = pick('tls-cert', 'COUNTER_TLS_CERT');
  const keyFile = pick('tls-key', 'COUNTER_TLS_KEY');
  if (Boolean(certFile) !== Boolean(keyFile)) throw new UsageError('--tls-cert and --tls-key go together');
  const host = parseHost('--host', pick('host', 'COUNTER_HOST') ?? '127.0.0.1');
  const clerk = clerkListener(host, pick('clerk-host', 'COUNTER_CLERK_HOST'), pick('clerk-port', 'COUNTER_CLERK_PORT'));

  const adminToken = env.COUNTER_ADMIN_TOKEN;
  if (adminToken && adminToken.length < MIN_ADMIN_TOKEN_LENGTH)
    throw new UsageError(
      `COUNTER_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (it is ${adminToken.length}); unset it to have one generated`,
    );

  const databaseUrl = pick('database-url', 'COUNTER_DATABASE_URL');
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl))
    throw new UsageError('--database-url must be a postgres:// (or postgresql://) URL; without it Counter uses SQLite in the data dir');

  const logFormat = pick('log-format', 'COUNTER_LOG_FORMAT') ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') throw new UsageError(`--log-format must be text or json, not "${logFormat}"`);

  const statusListBaseUrl = pick('status-list-base-url', 'COUNTER_STATUS_LIST_BASE_URL');
  if (statusListBaseUrl !== undefined && !zUrl.safeParse(statusListBaseUrl).success)
    throw new UsageError(`--status-list-base-url must be an http(s) URL, not "${statusListBaseUrl}"`);

  const failures = env.COUNTER_TOKEN_FAILURES_PER_MINUTE;
  if (failures !== undefined && !/^[1-9]\d{0,6}$/.test(failures))
    throw new UsageError(`COUNTER_TOKEN_FAILURES_PER_MINUTE must be a positive whole number, not "${failures}"`);

  const days = (name: string) => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    if (!/^[1-9]\d{0,4}$/.test(text)) throw new UsageError(`${name} must be a whole number of days from 1 to 99999, not "${text}"`);
    return Number(text);
  };
  const endedDays = days('COUNTER_RETENTION_DAYS');
  const eventDays = days('COUNTER_EVENT_RETENTION_DAYS');
  const country = env.COUNTER_COUNTRY || undefined;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country))
    throw new UsageError(`COUNTER_COUNTRY must be an upper-case ISO 3166-1 alpha-2 code such as "DE", not "${country}"`);
  let pkcs11: Pkcs11Config | undefined;
  try {
    pkcs11 = pkcs11ConfigFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const offerSeconds = env.COUNTER_OFFER_SECONDS;
  if (offerSeconds !== undefined && !(/^[1-9]\d{0,2}$/.test(offerSeconds) && Number(offerSeconds) <= 600))
    throw new UsageError(`COUNTER_OFFER_SECONDS must be a whole number of seconds from 1 to 600, not "${offerSeconds}"`);
  const trusted = (env.COUNTER_TRUSTED_REDIRECT_URIS ?? '').split(/\s+/).filter(Boolean);
  for (const uri of trusted) {
    if (!URL.canParse(uri) || uri.includes('#'))
      throw new UsageError(`COUNTER_TRUSTED_REDIRECT_URIS must list absolute URIs without a fragment, not "${uri}"`);
  }

  const signingKey = env.COUNTER_METADATA_SIGNING_KEY || undefined;
  const signingCert = env.COUNTER_METADATA_SIGNING_CERT || undefined;
  if (Boolean(signingKey) !== Boolean(signingCert))
    throw new UsageError('COUNTER_METADATA_SIGNING_KEY and COUNTER_METADATA_SIGNING_CERT go together');

  return {
    ...(signingKey && signingCert ? { metadataSigning: { keyFile: resolve(signingKey), certFile: resolve(signingCert) } } : {}),
    ...(failures ? { tokenFailuresPerMinute: Number(failures) } : {}),
    ...(endedDays || eventDays ? { retention: { ...(endedDays ? { endedDays } : {}), ...(eventDays ? { eventDays } : {}) } } : {}),
    ...(offerSeconds ? { defaultOfferSeconds: Number(offerSeconds) } : {}),
    ...(trusted.length ? { trustedRedirectUris: trusted } : {}),
    dataDir: resolve(pick('data-dir', 'COUNTER_DATA_DIR') ?? './.counter-data'),
    host,
    port,
    ...(clerk ? { clerk } : {}),
    ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
    ...(certFile && keyFile ? { tls: { certFile: resolve(certFile), keyFile: resolve(keyFile) } } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    logFormat,
    ...(statusListBaseUrl ? { statusListBaseUrl: statusListBaseUrl.replace(/\/+$/, '') } : {}),
    ...(env.COUNTER_KEY_PASSPHRASE ? { keyPassphrase: env.COUNTER_KEY_PASSPHRASE } : {}),
    ...(country ? { country } : {}),
    ...(pkcs11 ? { pkcs11 } : {}),
  };
}

/** A management token anyone on the Wi-Fi could guess is no token (DESIGN §8). */
export const MIN_ADMIN_TOKEN_LENGTH = 32;
const CLERK_DEFAULT = { host: '127.0.0.1', port: 8788 };

export const isLoopback = (host: string): boolean => /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === 'localhost';

function parsePort(flag: string, text: string): number {
  const port = zPort.safeParse(text);
  if (!port.success || !/^\d+$/.test(text)) throw new UsageError(`${flag} must be a number from 0 to 65535, not "${text}"`);
  return port.data;
}

function parseHost(flag: string, host: string): string {
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) throw new UsageError(`${flag} must be a host name or IP address, not "${host}"`);
  return host;
}

/**
 * DESIGN §2, §8: while the wallet-facing listener is loopback one listener serves everything;
 * once phones can reach it, the clerk's door is a listener of its own (127.0.0.1:8788 unless set).
 */
function clerkListener(walletHost: string, hostText: string | undefined, portText: string | undefined) {
  if (hostText === undefined && portText === undefined && isLoopback(walletHost)) return undefined;
  return {
    host: hostText === undefined ? CLERK_DEFAULT.host : parseHost('--clerk-host', hostText),
    port: portText === undefined ? CLERK_DEFAULT.port : parsePort('--clerk-port', portText),
  };
}

/** The secrets read from the environment once, then removed so that nothing this process starts inherits them. */
export const SECRET_ENV = ['COUNTER_KEY_PASSPHRASE', PKCS11_ENV.pin] as const;

export const USAGE = `Usage: npm run serve -- [options]

  --data-dir DIR      data directory (env COUNTER_DATA_DIR, default ./.counter-data)
  --host H            address wallets reach (env COUNTER_HOST, default 127.0.0.1)
  --port P            its port, 0 for any free one (env COUNTER_PORT, default 8787)
  --clerk-host H      address of the management API and counter UI (env COUNTER_CLERK_HOST); by default
                      the same listener while --host is loopback, else 127.0.0.1
  --clerk-port P      its port (env COUNTER_CLERK_PORT; default 8788 when it is a listener of its own)
  --public-url URL    URL wallets use to reach this kiosk (env COUNTER_PUBLIC_URL, default http://HOST:PORT)
  --tls-cert F        TLS certificate (PEM) (env COUNTER_TLS_CERT)
  --tls-key F         TLS private key (PEM) (env COUNTER_TLS_KEY)
  --database-url URL  postgres://user:password@host/db to share one database among several Counters
                      (env COUNTER_DATABASE_URL; default the SQLite file in the data dir)
  --log-format F      text (default) or json: one JSON object per log line on stderr, and one per
                      request (env COUNTER_LOG_FORMAT)
  --status-list-base-url URL  public place the status list tokens are published to (npm run publish);
                      new mDocs name <URL>/<list id>.cwt (env COUNTER_STATUS_LIST_BASE_URL; default this kiosk)

  COUNTER_ADMIN_TOKEN sets the admin API token (at least 32 characters); without it one is generated
  on first start.
  COUNTER_KEY_PASSPHRASE encrypts the IACA and Document Signer private keys at rest (plain keys are
  encrypted on that start); from then on every start needs it.
  COUNTER_TOKEN_FAILURES_PER_MINUTE: failed token guesses allowed per client address per minute (30).
  COUNTER_RETENTION_DAYS: days ended offers and authorizations are kept (90); COUNTER_EVENT_RETENTION_DAYS:
  days analytics events are kept (365).
  COUNTER_OFFER_SECONDS: how long a counter offer lasts when the request does not say (300, at most 600).
  COUNTER_TRUSTED_REDIRECT_URIS: wallet redirect URIs (space-separated) that may hear of an authorization
  request refused before the clerk decides; for any other the holder's browser shows the error.
  COUNTER_COUNTRY: ISO 3166-1 alpha-2 country of a new managed IACA (NZ); mDocs carry their IACA's country.
  COUNTER_PKCS11_MODULE, COUNTER_PKCS11_TOKEN_LABEL (or COUNTER_PKCS11_SLOT), COUNTER_PKCS11_PIN: keep the
  Document Signer keys in that PKCS#11 token (generated there, never extractable) instead of key files.
  COUNTER_METADATA_SIGNING_KEY and COUNTER_METADATA_SIGNING_CERT: a P-256 key and its certificate (PEM,
  leaf first, without the trust anchor); the issuer metadata then carries signed_metadata.`;
