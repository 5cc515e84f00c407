// What a test file needs from the run's PostgreSQL cluster (postgres-global-setup.ts).
import { inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

const provided = inject('postgres');

/** Why the PostgreSQL tests skip, or undefined when a cluster is running. */
export const postgresSkipReason: string | undefined = 'unavailable' in provided ? provided.unavailable : undefined;

if (postgresSkipReason) console.warn(`Skipping PostgreSQL tests: ${postgresSkipReason}`);

/** A fresh, empty database on the run's cluster. */
export async function freshDatabase(prefix = 'counter'): Promise<string> {
  if (!('adminUrl' in provided)) throw new Error(`No PostgreSQL: ${postgresSkipReason}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: provided.adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return provided.adminUrl.replace(/\/postgres$/, `/${name}`);
}
