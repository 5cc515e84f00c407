import { up as initial } from './001-initial';
import { up as clerks } from './002-clerks';
import { up as requestBounds } from './003-request-bounds';
import { up as trust } from './004-trust';
import { up as statusLists } from './005-status-lists';
import { up as walletProtocol } from './006-wallet-protocol';
import { up as authorizationDetails } from './007-authorization-details';

/**
 * PostgreSQL's numbered migrations; `schema_migrations` records those applied. Append only. (They
 * are numbered apart from SQLite's: PostgreSQL's first schema is SQLite's fourth.)
 */
export const pgMigrations: readonly { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'clerks', up: clerks },
  { version: 3, name: 'request-bounds', up: requestBounds },
  { version: 4, name: 'trust', up: trust },
  { version: 5, name: 'status-lists', up: statusLists },
  { version: 6, name: 'wallet-protocol', up: walletProtocol },
  { version: 7, name: 'authorization-details', up: authorizationDetails },
];
