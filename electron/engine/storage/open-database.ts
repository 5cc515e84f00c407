import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { migrate } from './migrations';

export class DataDirInUseError extends Error {
  constructor(file: string) {
    super(`Another Counter is already running on ${file} (the database is locked). Stop it first, or use another --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

/** DESIGN §8: a damaged database is never opened for service (nor silently replaced). */
export class DatabaseDamagedError extends Error {
  constructor(file: string, problem: string) {
    super(
      `The database ${file} is damaged (${problem}). Stop Counter and restore the data dir from a backup; ` +
        'do not delete the file to start over, since the offers and credentials recorded in it would be lost.',
    );
    this.name = 'DatabaseDamagedError';
  }
}

const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/** The database and the files SQLite keeps beside it; all are the owner's only (DESIGN §9). */
export const databaseFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

function restrictFiles(file: string): void {
  for (const path of databaseFiles(file)) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * Opens the one connection the engine owns. EXCLUSIVE locking mode, set before WAL is entered,
 * keeps the lock for the life of the connection: that is our single-instance guard, and the OS
 * releases it even after `kill -9`. WAL + synchronous=NORMAL survives a process crash without
 * losing a committed transaction (only power loss can drop the last ones).
 *
 * DESIGN §9: the file is created 0600 (SQLite gives its WAL the database file's mode), deleted
 * content is overwritten (secure_delete), and incremental auto-vacuum lets retention give space
 * back. DESIGN §8: `quick_check` runs before anything is written.
 */
export function openDatabase(file: string, options: { nativeBinding?: string } = {}): Database.Database {
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  restrictFiles(file);
  // nativeBinding: the Electron-ABI build of better-sqlite3 when `npm start` runs from a Node-ABI install.
  const db = new Database(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Takes effect on a new file only (before its first table); older files are converted below.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (default 2 MiB): with a million offers the code, token and credential
    // indexes stay in memory, so lookups and inserts do not slow down as the branch's history grows.
    db.pragma('cache_size = -32768');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    const problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check);
    if (problems.join() !== 'ok') throw new DatabaseDamagedError(file, `quick_check: ${problems.join('; ')}`);
    migrate(db);
    // A file from before DESIGN §9: rewriting it once turns auto-vacuum on and leaves none of its
    // old free pages (which may hold clear claims from earlier versions) behind.
    if (db.pragma('auto_vacuum', { simple: true }) !== 2) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    restrictFiles(file);
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') throw new DataDirInUseError(file);
    if (code && DAMAGED.has(code)) throw new DatabaseDamagedError(file, (error as Error).message);
    throw error;
  }
}

/**
 * DESIGN §8: if the data dir or the database file is deleted or replaced while we run, the open
 * connection would go on writing to a file nobody will read again. The file's identity is
 * checked before every write (one stat, a few microseconds: caching it even for one turn of the
 * event loop let a write acknowledged just after a replacement go to the old file); once it has
 * changed, writes stay refused until a restart.
 */
export function fileIdentityGuard(file: string): () => string | undefined {
  const identity = (() => {
    const stats = statSync(file);
    return `${stats.dev}:${stats.ino}`;
  })();
  let lost: string | undefined;
  return () => {
    if (lost) return lost;
    try {
      const stats = statSync(file);
      if (`${stats.dev}:${stats.ino}` !== identity) lost = `${file} was replaced by another file while Counter was running`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') lost = `${file} (or its data dir) was deleted while Counter was running`;
    }
    return lost;
  };
}
