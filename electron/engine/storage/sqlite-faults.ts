import type { StorageFault } from '../core/store-errors';

/**
 * SQLite result codes that mean "storage cannot do this now" rather than a bug (DESIGN §8
 * "Storage faults"), with the cause in words for the 503 and the log. better-sqlite3 puts the
 * extended code name in `error.code` (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …).
 */
export function storageFault(error: unknown): { fault: StorageFault; message: string } | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL')
    return { fault: 'disk_full', message: 'Storage unavailable: the disk holding the database is full (SQLITE_FULL)' };
  if (code.startsWith('SQLITE_IOERR'))
    return { fault: 'io_error', message: `Storage unavailable: the operating system reported an I/O error (${code})` };
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN')
    return { fault: 'read_only', message: `Storage unavailable: the database cannot be written (${code})` };
  return undefined;
}
