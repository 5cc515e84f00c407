import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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
import { allowHttpIssuer } from '../core/dpop/oauth2-library';
import { createWalletTrust } from '../core/wallets/wallet-trust';
import { createMetadataSigning } from '../core/metadata/metadata-signing';
import { loadMetadataSigner } from '../keys/metadata-signer';
import { systemClock, type Clock } from '../core/util/clock';
import { systemRandom, type RandomSource } from '../core/util/secrets';
import { createHttpApp } from '../http/create-http-app';
import { createEngineMetrics, type EngineMetrics } from '../http/metrics';
import type { AppEnv } from '../http/app-env';
import type { Logger } from '../http/error-responses';
import type { KeyProtection } from '../keys/key-protection';
import { fileKeyCustody } from '../keys/file-key-custody';
import { keyVault } from '../keys/key-vault';
import { readLegacyKeyDir } from '../keys/legacy-key-dir';
import type { Pkcs11Config } from '../keys/pkcs11/pkcs11-config';
import { pkcs11KeyCustody } from '../keys/pkcs11/pkcs11-key-custody';
import { openTrust } from '../core/trust/open-trust';
import type { TrustPolicy } from '../core/trust/trust-state';
import { isPostgresUrl, redactDatabaseUrl } from '../storage/database-url';
import { openStores } from '../storage/open-stores';
import { DEFAULT_STATUS_LIST_SETTINGS, MIN_STATUS_LIST_SIZE, StatusLists, type StatusListSettings } from '../core/status/status-lists';
import { readPublished, writeStatusListFile } from './status-list-files';
import { createInProcessEngine, type InProcessEngine } from '../in-process/in-process-engine';

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
  /** DESIGN §10: signer keys in this PKCS#11 token instead of files. */
  pkcs11?: Pkcs11Config;
  /** When signers are renewed and CRLs re-signed (tests move the clock through it). */
  trustPolicy?: TrustPolicy;
  /** DESIGN §11 (--status-list-base-url and the token lifetimes). The size may not go below 2^16. */
  statusLists?: Partial<StatusListSettings>;
  /** Tests only: lists this small, to see one fill up. Never reachable from the command line. */
  testOnlyStatusListSize?: number;
  /** DESIGN §12: an imported metadata signing key and certificate (PEM files); else the kiosk's own, if any (API). */
  metadataSigning?: { keyFile: string; certFile: string };
}

export interface Engine {
  /** Every route on one fetch handler (one listener, or tests). */
  app: Hono<AppEnv>;
  /** The routes one door serves (DESIGN §8); the others answer 404 in their shape. */
  appFor(listener: ListenerName | 'both'): Hono<AppEnv>;
  context: EngineContext;
  /** The counter API without HTTP, for the Electron kiosk (DESIGN §8): as the kiosk itself (issuer), a clerk, or IT. */
  inProcess: InProcessEngine;
  /** This process's Prometheus metrics (GET /metrics). */
  metrics: EngineMetrics;
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
  // FAPI 2.0 Security Profile §5.3.2.1 (through HAIP §4): an authorization code lives 60 s at most.
  authorizationCodeSeconds: 60,
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
  // DESIGN §10: the one country setting (COUNTER_COUNTRY); mDocs carry their signing IACA's country.
  country: 'NZ',
};

const SWEEP_MS = 30_000;
/** How often every status list token is checked to be current (DESIGN §11). */
const STATUS_LIST_MS = 60_000;
/** Retention, then a TRUNCATE checkpoint and an incremental vacuum (DESIGN §9). */
const HOUSEKEEPING_MS = 5 * 60_000;
export const ADMIN_TOKEN_FILE = 'admin-token';

/** The composition root (STYLE §2): storage, keys, clock and randomness are chosen here and only here. */
export async function createEngine(config: EngineConfig): Promise<Engine> {
  const clock = config.clock ?? systemClock;
  const random = config.random ?? systemRandom;
  const log = config.log ?? ((message, error) => console.error(`[counter] ${message}`, error ?? ''));
  const credentialIssuer = config.publicUrl.replace(/\/+$/, '');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });

  // The token first: a wrong PIN or an absent token refuses to start before the data dir is touched.
  const keysDir = join(config.dataDir, 'keys');
  const files = fileKeyCustody(keysDir, { protection: config.keyProtection, log: (message) => log(message) });
  const vault = keyVault(files, config.pkcs11 ? await pkcs11KeyCustody(config.pkcs11) : undefined);

  const databaseFile = join(config.dataDir, 'counter.sqlite');
  const shared = isPostgresUrl(config.databaseUrl);
  const hadDatabase = !shared && existsSync(databaseFile) && statSync(databaseFile).size > 0;
  let stores: Awaited<ReturnType<typeof openStores>>;
  try {
    stores = await openStores(config, {
      log,
      onLost: (message) => log(`STORAGE LOST. ${message}. Stop Counter, restore the data dir from a backup, then start it again.`),
    });
  } catch (error) {
    await vault.close();
    throw error;
  }
  try {
    const settings = { ...DEFAULTS, ...config.settings, credentialIssuer };
    const metrics = createEngineMetrics();
    const events = createEventLog(stores.events, clock, random, log, metrics.observeOperation);
    // DESIGN §13: processes sharing one database and data dir take turns at creating or renewing
    // the keys, seeding configurations and making the first admin token, so each happens once.
    // Made after the trust state, which tells it when signers change (DESIGN §11).
    const late: { statusLists?: StatusLists } = {};
    const { trust, generatedAdminToken } = await stores.exclusive('start-up', async () => {
      // DESIGN §8: a database without its keys is a damaged data dir, never a reason for a new IACA.
      // A shared database that already serves an issuer (it has an admin token) needs that issuer's keys.
      const refuseToCreate = hadDatabase
        ? `the data dir ${config.dataDir} holds a database (${databaseFile})`
        : shared && (await stores.apiTokens.count()) > 0
          ? `the database ${redactDatabaseUrl(config.databaseUrl!)} already serves an issuer (copy its keys/ into ${config.dataDir}, or share that data dir)`
          : undefined;
      const trust = await openTrust({
        store: stores.trust,
        vault,
        clock,
        random,
        credentialIssuer,
        displayName: settings.displayName,
        country: settings.country,
        readLegacy: () => readLegacyKeyDir(keysDir),
        ...(refuseToCreate ? { refuseToCreate } : {}),
        hasKeyFiles: async () => existsSync(keysDir) && readdirSync(keysDir).some((name) => /\.(pem|sealed)$/.test(name)),
        ...(config.trustPolicy ? { policy: config.trustPolicy } : {}),
        exclusive: (work) => stores.exclusive('trust', work),
        feed: stores.feed,
        log: (message, error) => log(message, error),
        // DESIGN §11: the tokens follow their signers (made below, after the trust state).
        onChanged: async () => late.statusLists?.refresh(),
        // Signers the engine makes on its own (rotation) are in the event log like the API's.
        onSignerCreated: (signer, reason) => {
          const statusList = signer.record.kind === 'status_list_signer';
          return events.operation(
            statusList ? 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_CREATE' : 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE',
            { requestId: random.uuid(), requestIp: 'engine' },
            {
              [statusList ? 'statusListSignerId' : 'documentSignerId']: signer.record.id,
              iacaId: signer.record.iacaId,
              keyCustody: signer.record.keyRef.custody,
              reason,
            },
            async () => undefined,
          );
        },
      });
      // Seeded configurations default to the country of the IACA that signs (DESIGN §10).
      await seedConfigurations({ stores, random, clock }, trust.currentSigner(clock.now())?.country ?? settings.country);
      const generatedAdminToken = await ensureAdminToken({ stores, random, clock }, config.adminToken);
      // DESIGN §2: a generated admin token is saved for the branch's IT, readable by the owner only.
      if (generatedAdminToken) writeFileSync(join(config.dataDir, ADMIN_TOKEN_FILE), `${generatedAdminToken}\n`, { mode: 0o600 });
      return { trust, generatedAdminToken };
    });
    const statusListSettings = { ...DEFAULT_STATUS_LIST_SETTINGS, ...config.statusLists };
    if (config.testOnlyStatusListSize) statusListSettings.size = config.testOnlyStatusListSize;
    else if (statusListSettings.size < MIN_STATUS_LIST_SIZE)
      throw new Error(`a status list needs at least ${MIN_STATUS_LIST_SIZE} entries`);
    const statusLists = new StatusLists({
      stores,
      clock,
      random,
      settings: statusListSettings,
      credentialIssuer,
      log,
      // DESIGN §10, §11: signer ports from the trust service (the core never holds a key).
      trust: {
        currentIacaId: (now) => trust.currentSigner(now)?.iacaId,
        signersUnder: (iacaId, now) => trust.signersUnder(iacaId, now),
      },
      onSigned: (list, token) => {
        try {
          writeStatusListFile(config.dataDir, list.id, token.bytes);
        } catch (error) {
          log(`could not write the status list token of ${list.id} to the data dir`, error);
        }
      },
    });
    late.statusLists = statusLists;
    allowHttpIssuer(credentialIssuer);
    const context: EngineContext = {
      settings,
      stores,
      clock,
      random,
      trust,
      events,
      offerChanges: createOfferChanges(stores.feed),
      authorizationChanges: createChanges(stores.feed, 'authorizations'),
      tokenThrottle: createFailureThrottle(stores.throttles, 'token', settings.tokenFailuresPerMinute),
      statusLists,
      statusListPublications: () => readPublished(config.dataDir),
      walletTrust: createWalletTrust({ stores, clock, random, log }),
      metadataSigning: createMetadataSigning({
        stores,
        vault,
        issuer: credentialIssuer,
        ...(config.metadataSigning ? { imported: loadMetadataSigner(config.metadataSigning, new Date(clock.now())) } : {}),
        log,
      }),
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
      // DESIGN §10: Document Signers renewed before they end, CRLs re-signed before nextUpdate.
      setInterval(() => void trust.maintain().catch((error) => log('trust maintenance failed', error)), SWEEP_MS),
      setInterval(() => void statusLists.maintain().catch((error) => log('status list maintenance failed', error)), STATUS_LIST_MS),
    ];
    void statusLists.maintain().catch((error) => log('status list maintenance failed', error));
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
      inProcess: createInProcessEngine(context, log),
      metrics,
      ...(generatedAdminToken ? { generatedAdminToken } : {}),
      close: async () => {
        for (const timer of timers) clearInterval(timer);
        // DESIGN §9: the file at rest gives back the pages of erased claims (they are zeroed already).
        await stores.reclaimSpace().catch((error: unknown) => log('could not give space back before closing', error));
        await vault.close();
        await stores.close();
      },
    };
  } catch (error) {
    await vault.close();
    await stores.close();
    throw error;
  }
}
