import { up as initial } from './001-initial';

/**
 * PostgreSQL's numbered migrations; `schema_migrations` records those applied. Append only. (They
 * are numbered apart from SQLite's: PostgreSQL's first schema is SQLite's fourth.)
 */
export const pgMigrations: readonly { version: number; name: string; up: string }[] = [{ version: 1, name: 'initial', up: initial }];
