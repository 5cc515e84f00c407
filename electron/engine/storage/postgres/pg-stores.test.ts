import { afterAll, afterEach, describe } from 'vitest';
import type { Stores } from '../../core/store';
import { freshDatabase, postgresSkipReason } from '../../../../test/support/postgres';
import { storeContract } from '../store-contract';
import { openPgStores } from './pg-stores';

const opened: Stores[] = [];
const closeAll = async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
};
afterEach(closeAll);
afterAll(closeAll);

describe.skipIf(postgresSkipReason !== undefined)('PostgreSQL', () => {
  storeContract('PostgreSQL', async () => {
    const stores = await openPgStores(await freshDatabase('contract'));
    opened.push(stores);
    return stores;
  });
});
