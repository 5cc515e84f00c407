import type { StorageFault } from '../../core/store-errors';

// PostgreSQL SQLSTATEs (Appendix A of its manual) and socket errors that mean "storage cannot do
// this now" rather than a bug (DESIGN §8 "Storage faults"), with the cause in words.
const BY_SQLSTATE: Record<string, { fault: StorageFault; what: string }> = {
  '53100': { fault: 'disk_full', what: 'the disk holding the database is full' },
  '58030': { fault: 'io_error', what: 'the database server reported an I/O error' },
  '25006': { fault: 'read_only', what: 'the database is read-only (a standby?)' },
  '53300': { fault: 'unreachable', what: 'the database server has no free connection' },
  '57P01': { fault: 'unreachable', what: 'the database server is shutting down' },
  '57P02': { fault: 'unreachable', what: 'the database server is restarting' },
  '57P03': { fault: 'unreachable', what: 'the database server is not accepting connections yet' },
};

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

export function pgStorageFault(error: unknown): { fault: StorageFault; message: string } | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : '';
  const known = code ? BY_SQLSTATE[code] : undefined;
  if (known) return { fault: known.fault, message: `Storage unavailable: ${known.what} (${code})` };
  // Class 08: connection exceptions.
  if (code?.startsWith('08') || (code && SOCKET_CODES.has(code)) || LOST_CONNECTION.test(message))
    return { fault: 'unreachable', message: `Storage unavailable: the database server cannot be reached (${code ?? message})` };
  return undefined;
}

/** serialization_failure and deadlock_detected: the transaction did nothing and may simply be run again. */
export const isRetryable = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
};
