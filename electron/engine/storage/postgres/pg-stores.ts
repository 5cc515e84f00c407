import type { ChangeFeed, StoreSet, Stores } from '../../core/store';
import { cachedConfigurationStore, createConfigurationCache, type ConfigurationCache } from '../cached-configuration-store';
import { createNamedQueue } from '../named-queue';
import { advisoryKey } from './pg-advisory-lock';
import { createPgChangeFeed } from './pg-change-feed';
import { PgConnection, translate, type PgConnectionOptions, type PgExec } from './pg-connection';
import { migratePg } from './pg-migrate';
import { statement } from './pg-statement';
import { PgApiTokenStore } from './pg-api-token-store';
import { PgClerkStore } from './pg-clerk-store';
import { PgAuthorizationStore } from './pg-authorization-store';
import { PgCodeOfferStore } from './pg-code-offer-store';
import { PgConfigurationStore } from './pg-configuration-store';
import { PgEventStore } from './pg-event-store';
import { PgNonceStore } from './pg-nonce-store';
import { PgOfferStore } from './pg-offer-store';
import { PgSeenOnceStore } from './pg-seen-once-store';
import { PgThrottleStore } from './pg-throttle-store';
import { PgTrustStore } from './pg-trust-store';
import { PgIssuedCredentialStore } from './pg-issued-credential-store';
import { PgStatusListStore } from './pg-status-list-store';
import { PgWalletProtocolStore } from './pg-wallet-protocol-store';

const ping = statement<[], { one: number }>('health.ping', 'SELECT 1 AS one');

function storeSet(exec: PgExec, cache: ConfigurationCache, feed: ChangeFeed): StoreSet {
  return {
    offers: new PgOfferStore(exec),
    codeOffers: new PgCodeOfferStore(exec),
    authorizations: new PgAuthorizationStore(exec),
    configurations: cachedConfigurationStore(new PgConfigurationStore(exec), cache, feed),
    nonces: new PgNonceStore(exec),
    events: new PgEventStore(exec),
    apiTokens: new PgApiTokenStore(exec),
    clerks: new PgClerkStore(exec),
    throttles: new PgThrottleStore(exec),
    seenOnce: new PgSeenOnceStore(exec),
    trust: new PgTrustStore(exec),
    credentials: new PgIssuedCredentialStore(exec),
    statusLists: new PgStatusListStore(exec),
    walletProtocol: new PgWalletProtocolStore(exec),
  };
}

export type PgStores = Stores;

/**
 * DESIGN §13: every store on one PostgreSQL database, which several engine processes may share.
 * Migrates it first (once, whichever process gets there first).
 */
export async function openPgStores(url: string, options: PgConnectionOptions = {}): Promise<PgStores> {
  const connection = new PgConnection(url, options);
  const feed = createPgChangeFeed({
    config: connection.config,
    notify: (channel, payloads) =>
      connection.pool.query({
        name: 'feed.notify',
        text: 'SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload',
        values: [channel, payloads],
      }),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    await migratePg(connection);
    await feed.ready;
  } catch (error) {
    await feed.close();
    await connection.close();
    throw translate(error);
  }
  const cache = createConfigurationCache(feed);
  const queue = createNamedQueue();
  return {
    ...storeSet(connection.exec, cache, feed),
    transaction: (work) =>
      connection.serializable((exec) => {
        // Publications from inside a unit of work go out once it has committed.
        const deferred: ChangeFeed = { publish: (topic) => exec.afterCommit(() => feed.publish(topic)), subscribe: feed.subscribe };
        return work(storeSet(exec, cache, deferred));
      }),
    // Queued here first, so that one process holds at most one connection waiting for each lock.
    exclusive: (name, work) =>
      queue(name, () =>
        connection.withClient(async (client) => {
          const key = advisoryKey(name);
          await client.query('SELECT pg_advisory_lock($1)', [key]);
          try {
            return await work();
          } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [key]);
          }
        }),
      ),
    // Deleted rows' space is reused by PostgreSQL's autovacuum; giving it back to the file system
    // (VACUUM FULL) locks whole tables, which is the database administrator's call, not Counter's.
    reclaimSpace: async () => {},
    feed,
    // Ready: the server answers, and the change feed listens (else other processes' changes reach
    // this one's screens only at the next heartbeat).
    health: async () => {
      try {
        await connection.exec.first(ping, []);
      } catch (error) {
        return { ok: false, problem: (error as Error).message };
      }
      return feed.listening()
        ? { ok: true }
        : { ok: false, problem: 'The change feed (LISTEN) has lost its database connection and is reconnecting' };
    },
    close: async () => {
      await feed.close();
      await connection.close();
    },
  };
}
