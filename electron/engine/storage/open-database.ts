import Database from 'better-sqlite3';
import { migrate } from './migrations';

export class DataDirInUseError extends Error {
  constructor(file: string) {
    super(`Another Counter is already running on ${file} (the database is locked). Stop it first, or use another --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * Opens the one connection the engine owns. EXCLUSIVE locking mode, set before WAL is entered,
 * keeps the lock for the life of the connection: that is our single-instance guard, and the OS
 * releases it even after `kill -9`. WAL + synchronous=NORMAL survives a process crash without
 * losing a committed transaction (only power loss can drop the last ones).
 */
export function openDatabase(file: string, options: { nativeBinding?: string } = {}): Database.Database {
  // nativeBinding: the Electron-ABI build of better-sqlite3 when `npm start` runs from a Node-ABI install.
  const db = new Database(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (default 2 MiB): with a million offers the code, token and credential
    // indexes stay in memory, so lookups and inserts do not slow down as the branch's history grows.
    db.pragma('cache_size = -32768');
    db.pragma('foreign_keys = ON');
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(file);
    throw error;
  }
}
