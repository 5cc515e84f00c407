// Errors that every store implementation throws, whatever its database (DESIGN §6, §8 "Storage
// faults"). They say what went wrong in storage terms only; the HTTP layer maps them to each
// error family's shape (STYLE §9: storage speaks storage).

/** A list cursor that this store never handed out (or one that was tampered with). */
export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super('cursor is not one this server returned');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Why storage cannot take a write (or a read) right now:
 * - `disk_full`: no space left on the device holding the database;
 * - `io_error`: the operating system reported an I/O error;
 * - `read_only`: the database or its directory cannot be written;
 * - `lost`: the data dir or database file was deleted or replaced while running (writes stop
 *   until a restart, since they would go to a file nobody will ever read again);
 * - `unreachable`: a networked database cannot be reached.
 */
export type StorageFault = 'disk_full' | 'io_error' | 'read_only' | 'lost' | 'unreachable';

/** Storage refused the operation; nothing of it was committed. Answered as 503 (DESIGN §8). */
export class StorageUnavailableError extends Error {
  constructor(
    readonly fault: StorageFault,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** A stored record that does not parse: damage or a bug, never the caller's fault (answered as 500). */
export class CorruptRecordError extends Error {
  constructor(
    readonly where: string,
    detail: string,
  ) {
    super(`Stored data in ${where} is not valid: ${detail}`);
    this.name = 'CorruptRecordError';
  }
}
