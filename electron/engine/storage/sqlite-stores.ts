import type { Database } from 'better-sqlite3';
import type { StoreSet, Stores } from '../core/store';
import { cachedConfigurationStore, createConfigurationCache } from './cached-configuration-store';
import { fileIdentityGuard, openDatabase } from './open-database';
import { SqliteConnection, type SqliteExec } from './sqlite-connection';
import { prepareApiTokenStatements, SqliteApiTokenStore } from './sqlite-api-token-store';
import { prepareAuthorizationStatements, SqliteAuthorizationStore } from './sqlite-authorization-store';
import { prepareClerkStatements, SqliteClerkStore } from './sqlite-clerk-store';
import { prepareCodeOfferStatements, SqliteCodeOfferStore } from './sqlite-code-offer-store';
import { prepareConfigurationStatements, SqliteConfigurationStore } from './sqlite-configuration-store';
import { prepareEventStatements, SqliteEventStore } from './sqlite-event-store';
import { prepareNonceStatements, SqliteNonceStore } from './sqlite-nonce-store';
import { prepareOfferStatements, SqliteOfferStore } from './sqlite-offer-store';
import { prepareSeenOnceStatements, SqliteSeenOnceStore } from './sqlite-seen-once-store';
import { prepareThrottleStatements, SqliteThrottleStore } from './sqlite-throttle-store';
import { prepareIssuedCredentialStatements, SqliteIssuedCredentialStore } from './sqlite-issued-credential-store';
import { prepareStatusListStatements, SqliteStatusListStore } from './sqlite-status-list-store';
import { prepareWalletProtocolStatements, SqliteWalletProtocolStore } from './sqlite-wallet-protocol-store';
import { createLocalChangeFeed } from './local-change-feed';
import { createNamedQueue } from './named-queue';
import { prepareTrustStatements, SqliteTrustStore } from './sqlite-trust-store';

function prepareAll(db: Database) {
  return {
    offers: prepareOfferStatements(db),
    codeOffers: prepareCodeOfferStatements(db),
    authorizations: prepareAuthorizationStatements(db),
    configurations: prepareConfigurationStatements(db),
    nonces: prepareNonceStatements(db),
    events: prepareEventStatements(db),
    apiTokens: prepareApiTokenStatements(db),
    throttles: prepareThrottleStatements(db),
    seenOnce: prepareSeenOnceStatements(db),
    clerks: prepareClerkStatements(db),
    trust: prepareTrustStatements(db),
    credentials: prepareIssuedCredentialStatements(db),
    statusLists: prepareStatusListStatements(db),
    walletProtocol: prepareWalletProtocolStatements(db),
  };
}

/** One set of stores over the shared statements; `exec` decides whether they wait for the gate. */
function storeSet(
  db: Database,
  s: ReturnType<typeof prepareAll>,
  exec: SqliteExec,
  cache: ReturnType<typeof createConfigurationCache>,
): StoreSet {
  return {
    offers: new SqliteOfferStore(db, s.offers, exec),
    codeOffers: new SqliteCodeOfferStore(s.codeOffers, exec),
    authorizations: new SqliteAuthorizationStore(db, s.authorizations, exec),
    configurations: cachedConfigurationStore(new SqliteConfigurationStore(db, s.configurations, exec), cache),
    nonces: new SqliteNonceStore(s.nonces, exec),
    events: new SqliteEventStore(db, s.events, exec),
    apiTokens: new SqliteApiTokenStore(db, s.apiTokens, exec),
    throttles: new SqliteThrottleStore(s.throttles, exec),
    seenOnce: new SqliteSeenOnceStore(s.seenOnce, exec),
    clerks: new SqliteClerkStore(db, s.clerks, exec),
    trust: new SqliteTrustStore(s.trust, exec),
    credentials: new SqliteIssuedCredentialStore(db, s.credentials, exec),
    statusLists: new SqliteStatusListStore(db, s.statusLists, exec),
    walletProtocol: new SqliteWalletProtocolStore(s.walletProtocol, exec),
  };
}

export interface SqliteStoreOptions {
  nativeBinding?: string;
  /** Hears, once, that the database file was deleted or replaced while running (DESIGN §8). */
  onLost?: (message: string) => void;
}

export function openSqliteStores(file: string, options: SqliteStoreOptions = {}): Stores {
  const db = openDatabase(file, options);
  const connection = new SqliteConnection(db, fileIdentityGuard(file), options.onLost);
  const statements = prepareAll(db);
  const feed = createLocalChangeFeed();
  const cache = createConfigurationCache(feed);
  const inside = storeSet(db, statements, connection.inside, cache);
  const exclusive = createNamedQueue();
  return {
    ...storeSet(db, statements, connection.outer, cache),
    transaction: (work) => connection.unitOfWork(() => work(inside)),
    reclaimSpace: () =>
      connection.outer.write(() => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma('incremental_vacuum');
      }),
    // The database file is locked by this process alone (open-database.ts): no other process to exclude.
    exclusive,
    feed,
    health: () => connection.health(),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
