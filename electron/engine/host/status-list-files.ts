import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** DESIGN §11: the current Status List Tokens, as files an offline branch can carry to a public host. */
export const STATUS_LIST_DIR = 'status-lists';
export const PUBLISHED_FILE = 'published.json';

export const statusListFileName = (listId: string) => `${listId}.cwt`;

/** Writes a token whole or not at all (a reader never sees half a file), readable by anyone: it is a public document. */
export function writeStatusListFile(dataDir: string, listId: string, token: Uint8Array): void {
  const dir = join(dataDir, STATUS_LIST_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const file = join(dir, statusListFileName(listId));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, token, { mode: 0o644 });
  renameSync(temporary, file);
}

/** What `npm run publish` last did for each list: when, where to, and the exp of the token it published. */
export const zPublishedRecord = z.record(
  z.string(),
  z.object({ publishedAt: z.string(), to: z.string(), issuedAt: z.string(), expiresAt: z.string() }),
);
export type PublishedRecord = z.infer<typeof zPublishedRecord>;

export function readPublished(dataDir: string): PublishedRecord {
  try {
    return zPublishedRecord.parse(JSON.parse(readFileSync(join(dataDir, STATUS_LIST_DIR, PUBLISHED_FILE), 'utf8')));
  } catch {
    return {};
  }
}

export function writePublished(dataDir: string, record: PublishedRecord): void {
  const file = join(dataDir, STATUS_LIST_DIR, PUBLISHED_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}
