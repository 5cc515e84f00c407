import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { ListenerName } from '../../../shared/routes/route-spec';
import type { EngineContext, EngineSettings } from '../core/context';
import { ensureAdminToken } from '../core/auth/api-tokens';
import { seedConfigurations } from '../core/configurations/seed-configurations';
import { createDisplayRegistry } from '../core/display/display-registry';
import { createEventLog } from '../core/events/event-log';
import { applyRetention, expireDue } from '../core/housekeeping';
import { createChanges, createOfferChanges } from '../core/offers/offer-changes';
import { createFailureThrottle } from '../core/tokens/failure-throttle';
import { systemClock, type Clock } from '../core/util/clock';
import { systemRandom, type RandomSource } from '../core/util/secrets';
import { createHttpApp } from '../http/create-http-app';
import { createEngineMetrics, type EngineMetrics } from '../http/metrics';
import type { AppEnv } from '../http/app-env';
import type { Logger } from '../http/error-responses';
import { RENEW_BEFORE_MS } from '../keys/certificate-profiles';
import { loadOrCreateIssuerKeys, type KeyProtection } from '../keys/issuer-keys';
import { isPostgresUrl, redactDatabaseUrl } from '../storage/database-url';
import { openStores } from '../storage/open-stores';

export interface EngineConfig {
  dataDir: string;
  /** credential_issuer, e.g. http://192.168.1.20:8787 (no trailing slash). */
  publicUrl: string;
  adminToken?: string;
  uiDir?: string;
  /**
   * DESIGN §13: `postgres://…` puts every store on PostgreSQL (several processes may then share
   * it and this data dir); by default the SQLite file `counter.sqlite` in the data dir.
   */
  databaseUrl?: string;
  /** Path of a better-sqlite3 binary built for this runtime's ABI (Electron in development). */
  sqliteNativeBinding?: string;
  clock?: Clock;
  random?: RandomSource;
  log?: Logger;
  settings?: Partial<Omit<EngineSettings, 'credentialIssuer'>>;
  /** Encrypts the IACA and Document Signer private keys at rest (DESIGN §6); without it they are 0600 PEM files. */
  keyProtection?: KeyProtection;
  /** The TLS certificate the wallet-facing listener serves now (deployment warnings, /readyz). */
  tlsCertificate?: () => { notAfter: Date } | undefined;
  /** One structured line per HTTP request (COUNTER_LOG_FORMAT=json). */
  accessLog?: (fields: Record<string, unknown>) => void;
}

export interface Engine {
  /** Every route on one fetch handler (one listener, or tests). */
  app: Hono<AppEnv>;
  /** The routes one door serves (DESIGN §8); the others answer 404 in their shape. */
  appFor(listener: ListenerName | 'both'): Hono<AppEnv>;
  context: EngineContext;
  /** This process's Prometheus metrics (GET /metrics). */
  metrics: EngineMetrics;
  /** Renews (or reloads, when another process renewed it) the Document Signer once it is due; checked hourly. */
  renewKeysIfDue(): Promise<boolean>;
  /** Set only on the first start without COUNTER_ADMIN_TOKEN: show it once, it is not stored in clear. */
  generatedAdminToken?: string;
  close(): Promise<void>;
}

const DEFAULTS: Omit<EngineSettings, 'credentialIssuer'> = {
  defaultOfferSeconds: 300,
  maxOfferSeconds: 600,
  accessTokenSeconds: 300,
  nonceSeconds: 300,
  proofMaxAgeSeconds: 300,
  maxTxCodeStrikes: 3,
  displayName: 'Counter',
  authorizationSeconds: 600,
  authorizationCodeSeconds: 120,
  pushedRequestSeconds: 60,
  tokenFailuresPerMinute: 30,
  endedRetentionDays: 90,
  eventRetentionDays: 365,
  pinFailuresPerMinute: 10,
  maxPinFailures: 5,
  pinLockSeconds: 900,
  clerkSessionSeconds: 12 * 3600,
  authorizeRequestsPerMinute: 30,
  managementFailuresPerMinute: 30,
  pendingPerAddress: 20,
  pendingTotal: 1000,
  trustedRedirectUris: [],
};

const SWEEP_MS = 30_000;
/** Retention, then a TRUNCATE checkpoint and an incremental vacuum (DESIGN §9). */
const HOUSEKEEPING_MS = 5 * 60_000;
const KEY_CHECK_MS = 3_600_000;
export const ADMIN_TOKEN_FILE = 'admin-token';

/** The composition root (STYLE §2): storage, keys, clock and randomness are chosen here and only here. */
export async function createEngine(config: EngineConfig): Promise<Engine> {
  const clock = config.clock ?? systemClock;
  const random = config.random ?? systemRandom;
  const log = config.log ?? ((message, error) => console.error(`[counter] ${message}`, error ?? ''));
  const credentialIssuer = config.publicUrl.replace(/\/+$/, '');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });

  const databaseFile = join(config.dataDir, 'counter.sqlite');
  const shared = isPostgresUrl(config.databaseUrl);
  const hadDatabase = !shared && existsSync(databaseFile) && statSync(databaseFile).size > 0;
  const stores = await openStores(config, {
    log,
    onLost: (message) => log(`STORAGE LOST. ${message}. Stop Counter, restore the data dir from a backup, then start it again.`),
  });
  const loadKeys = (refuseToCreate?: string) =>
    loadOrCreateIssuerKeys(join(config.dataDir, 'keys'), {
      ...(refuseToCreate ? { refuseToCreate } : {}),
      now: new Date(clock.now()),
      issuerName: config.settings?.displayName ?? DEFAULTS.displayName,
      country: 'NZ',
      issuerAltNameUri: credentialIssuer,
      protection: config.keyProtection,
      log: (message) => log(message),
    });
  try {
    // DESIGN §13: processes sharing one database and data dir take turns at creating or renewing
    // the keys, seeding configurations and making the first admin token, so each happens once.
    const { keys, generatedAdminToken } = await stores.exclusive('start-up', async () => {
      // DESIGN §8: a database without its keys is a damaged data dir, never a reason for a new IACA.
      // A shared database that already serves an issuer (it has an admin token) needs that issuer's keys.
      const refuseToCreate = hadDatabase
        ? `the data dir ${config.dataDir} holds a database (${databaseFile})`
        : shared && (await stores.apiTokens.count()) > 0
          ? `the database ${redactDatabaseUrl(config.databaseUrl!)} already serves an issuer (copy its keys/ into ${config.dataDir}, or share that data dir)`
          : undefined;
      const keys = await loadKeys(refuseToCreate);
      await seedConfigurations({ stores, random, clock });
      const generatedAdminToken = await ensureAdminToken({ stores, random, clock }, config.adminToken);
      // DESIGN §2: a generated admin token is saved for the branch's IT, readable by the owner only.
      if (generatedAdminToken) writeFileSync(join(config.dataDir, ADMIN_TOKEN_FILE), `${generatedAdminToken}\n`, { mode: 0o600 });
      return { keys, generatedAdminToken };
    });
    const settings = { ...DEFAULTS, ...config.settings, credentialIssuer };
    const metrics = createEngineMetrics();
    const context: EngineContext = {
      settings,
      stores,
      clock,
      random,
      keys,
      events: createEventLog(stores.events, clock, random, log, metrics.observeOperation),
      offerChanges: createOfferChanges(stores.feed),
      authorizationChanges: createChanges(stores.feed, 'authorizations'),
      tokenThrottle: createFailureThrottle(stores.throttles, 'token', settings.tokenFailuresPerMinute),
      ...(config.tlsCertificate ? { tlsCertificate: config.tlsCertificate } : {}),
      pinThrottle: createFailureThrottle(stores.throttles, 'pin', settings.pinFailuresPerMinute),
      displays: createDisplayRegistry(clock, random),
      authorizeThrottle: createFailureThrottle(stores.throttles, 'authorize', settings.authorizeRequestsPerMinute),
      managementThrottle: createFailureThrottle(stores.throttles, 'management', settings.managementFailuresPerMinute),
    };

    // Ends offers whose time is up and erases their claims, even when nobody is looking (DESIGN §6).
    await expireDue(context);
    // In the background: after an upgrade the first run may have a lot to delete.
    void applyRetention(context).catch((error) => log('retention sweep failed', error));
    const timers = [
      setInterval(() => void expireDue(context).catch((error) => log('expiry sweep failed', error)), SWEEP_MS),
      setInterval(() => void applyRetention(context).catch((error) => log('retention sweep failed', error)), HOUSEKEEPING_MS),
    ];
    // A branch server runs for months: the Document Signer is renewed when due without a restart,
    // under the same lock as start-up, so that of several processes sharing the data dir one renews
    // and the others load what it wrote (DESIGN §13).
    const renewKeysIfDue = async (): Promise<boolean> => {
      if (clock.now() <= context.keys.documentSigner.notAfter.getTime() - RENEW_BEFORE_MS) return false;
      const before = context.keys.documentSigner.certificatePem;
      context.keys = await stores.exclusive('start-up', () => loadKeys());
      log(
        context.keys.documentSigner.certificatePem === before
          ? 'The Document Signer is due for renewal but could not be renewed'
          : `Document Signer renewed or reloaded; valid until ${context.keys.documentSigner.notAfter.toISOString()}`,
      );
      return true;
    };
    timers.push(setInterval(() => void renewKeysIfDue().catch((error) => log('Document Signer renewal failed', error)), KEY_CHECK_MS));
    for (const timer of timers) timer.unref();

    const apps = new Map<ListenerName | 'both', Hono<AppEnv>>();
    const appFor = (listener: ListenerName | 'both') => {
      if (!apps.has(listener))
        apps.set(
          listener,
          createHttpApp(context, {
            uiDir: config.uiDir,
            log,
            listener,
            metrics,
            ...(config.accessLog ? { accessLog: config.accessLog } : {}),
          }),
        );
      return apps.get(listener)!;
    };
    return {
      app: appFor('both'),
      appFor,
      context,
      metrics,
      renewKeysIfDue,
      ...(generatedAdminToken ? { generatedAdminToken } : {}),
      close: async () => {
        for (const timer of timers) clearInterval(timer);
        // DESIGN §9: the file at rest gives back the pages of erased claims (they are zeroed already).
        await stores.reclaimSpace().catch((error: unknown) => log('could not give space back before closing', error));
        await stores.close();
      },
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
