import { badRequest } from '../core/errors/management-error';

/** JSON read back from SQLite is parsed at the boundary; a corrupt column is a clear error, not a crash later. */
export function parseJsonColumn(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`Corrupt JSON in ${column}`);
  }
}

// Cursors are opaque to clients: the row's seq, base64url-encoded.
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return Number.MAX_SAFE_INTEGER;
  const seq = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(seq) || seq < 1 || encodeCursor(seq) !== cursor) {
    throw badRequest('Invalid cursor', [
      { value: cursor, msg: 'cursor is not one this server returned', param: 'cursor', location: 'query' },
    ]);
  }
  return seq;
}
