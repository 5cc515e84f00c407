import type { PgConnection } from './pg-connection';
import { advisoryKey } from './pg-advisory-lock';
import { pgMigrations } from './migrations';

/**
 * Brings the schema up to date in one transaction, under a transaction-level advisory lock: when
 * several processes start at once on a new database, one migrates and the others then find it done.
 */
export async function migratePg(connection: PgConnection): Promise<number> {
  const latest = pgMigrations.at(-1)?.version ?? 0;
  await connection.withClient(async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey('migrations')]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
      );
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      const current = rows[0]?.version ?? 0;
      if (current > latest) {
        throw new Error(
          `The database was written by a newer Counter (schema ${current}, this build knows ${latest}); refusing to open it.`,
        );
      }
      for (const migration of pgMigrations.filter((m) => m.version > current)) {
        await client.query(migration.up);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
  return latest;
}
