import { join } from 'node:path';
import type { Stores } from '../core/store';
import { isPostgresUrl } from './database-url';
import { openSqliteStores } from './sqlite-stores';

/**
 * DESIGN §2, §13: the stores of an engine. A `postgres://` URL means PostgreSQL (shared by every
 * process given the same URL); otherwise the SQLite file in the data dir, owned by one process.
 */
export async function openStores(
  config: { dataDir: string; databaseUrl?: string; sqliteNativeBinding?: string },
  hooks: { log?: (message: string, error?: unknown) => void; onLost?: (message: string) => void } = {},
): Promise<Stores> {
  if (isPostgresUrl(config.databaseUrl)) {
    const { openPgStores } = await import('./postgres/pg-stores');
    return openPgStores(config.databaseUrl, hooks.log ? { log: hooks.log } : {});
  }
  return openSqliteStores(join(config.dataDir, 'counter.sqlite'), {
    ...(config.sqliteNativeBinding ? { nativeBinding: config.sqliteNativeBinding } : {}),
    ...(hooks.onLost ? { onLost: hooks.onLost } : {}),
  });
}
