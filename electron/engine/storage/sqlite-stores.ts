import type { Stores } from '../core/store';
import { cachedConfigurationStore } from './cached-configuration-store';
import { openDatabase } from './open-database';
import { SqliteApiTokenStore } from './sqlite-api-token-store';
import { SqliteAuthorizationStore } from './sqlite-authorization-store';
import { SqliteCodeOfferStore } from './sqlite-code-offer-store';
import { SqliteConfigurationStore } from './sqlite-configuration-store';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteNonceStore } from './sqlite-nonce-store';
import { SqliteOfferStore } from './sqlite-offer-store';

export function openSqliteStores(file: string, options: { nativeBinding?: string } = {}): Stores {
  const db = openDatabase(file, options);
  const offers = new SqliteOfferStore(db);
  return {
    offers,
    codeOffers: new SqliteCodeOfferStore(db),
    authorizations: new SqliteAuthorizationStore(db, offers),
    configurations: cachedConfigurationStore(new SqliteConfigurationStore(db)),
    nonces: new SqliteNonceStore(db),
    events: new SqliteEventStore(db),
    apiTokens: new SqliteApiTokenStore(db),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
