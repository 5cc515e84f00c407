import type { Database } from 'better-sqlite3';
import { up as initial } from './001-initial';
import { up as authorizationCode } from './002-authorization-code';
import { up as appendFriendly } from './003-append-friendly-indexes';
import { up as sealedClaims } from './004-sealed-claims';
import { up as throttlesAndSeenOnce } from './005-throttles-and-seen-once';
import { up as clerks } from './006-clerks';
import { up as requestBounds } from './007-request-bounds';
import { up as trust } from './008-trust';
import { up as statusLists } from './009-status-lists';
import { up as walletProtocol } from './010-wallet-protocol';
import { up as authorizationDetails } from './011-authorization-details';

/** Numbered migrations; `PRAGMA user_version` records the last one applied. Append only. */
export const migrations: readonly { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'authorization-code', up: authorizationCode },
  { version: 3, name: 'append-friendly-indexes', up: appendFriendly },
  { version: 4, name: 'sealed-claims', up: sealedClaims },
  { version: 5, name: 'throttles-and-seen-once', up: throttlesAndSeenOnce },
  { version: 6, name: 'clerks', up: clerks },
  { version: 7, name: 'request-bounds', up: requestBounds },
  { version: 8, name: 'trust', up: trust },
  { version: 9, name: 'status-lists', up: statusLists },
  { version: 10, name: 'wallet-protocol', up: walletProtocol },
  { version: 11, name: 'authorization-details', up: authorizationDetails },
];

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database was written by a newer Counter (schema ${current}, this build knows ${latest}); refusing to open it.`);
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
