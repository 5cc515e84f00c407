import type { Page, PageQuery } from '../core/store';
import { InvalidCursorError } from '../core/store-errors';

// Every list is newest first by the table's `seq` (its insertion order). The cursor is the last
// row's seq, base64url-encoded, and opaque to clients.

export const encodeCursor = (seq: number): string => Buffer.from(String(seq)).toString('base64url');

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return Number.MAX_SAFE_INTEGER;
  const seq = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(seq) || seq < 1 || encodeCursor(seq) !== cursor) throw new InvalidCursorError(cursor);
  return seq;
}

/**
 * The one paginator, for every store: `fetch(before, limit)` returns up to `limit` rows with
 * seq < before, newest first, synchronously (SQLite) or as a promise (PostgreSQL); one extra row is
 * asked for to learn whether another page exists.
 */
export function paginate<Row extends { seq: number }, T>(
  query: PageQuery,
  fetch: (before: number, limit: number) => Row[],
  toRecord: (row: Row) => T,
): Page<T>;
export function paginate<Row extends { seq: number }, T>(
  query: PageQuery,
  fetch: (before: number, limit: number) => Promise<Row[]>,
  toRecord: (row: Row) => T,
): Promise<Page<T>>;
export function paginate<Row extends { seq: number }, T>(
  query: PageQuery,
  fetch: (before: number, limit: number) => Row[] | Promise<Row[]>,
  toRecord: (row: Row) => T,
): Page<T> | Promise<Page<T>> {
  const toPage = (rows: Row[]): Page<T> => {
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toRecord), ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.seq) } : {}) };
  };
  const rows = fetch(decodeCursor(query.cursor), query.limit + 1);
  return rows instanceof Promise ? rows.then(toPage) : toPage(rows);
}
