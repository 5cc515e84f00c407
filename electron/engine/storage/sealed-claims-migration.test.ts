// DESIGN §9 for data dirs from before it: migration 4 ends the offers whose claims were stored in
// clear, and the file is rewritten once, so that no earlier holder's data stays in its free pages.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { openSqliteStores } from './sqlite-stores';

const dir = mkdtempSync(join(tmpdir(), 'counter-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 4 (sealed claims)', () => {
  it('erases the clear claims an older Counter left in the file, free pages included', async () => {
    const file = join(dir, 'counter.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    for (const m of migrations.filter((m) => m.version <= 3)) old.exec(m.up);
    old.pragma('user_version = 3');
    const insert = old.prepare(`INSERT INTO offers (id, kind, credentials, status, created_at, expires_at, code_hash, claims)
      VALUES (?, 'pre_authorized', '["c"]', ?, 0, ?, randomblob(32), ?)`);
    const claims = (surname: string) => JSON.stringify({ family_name: surname, portrait: 'x'.repeat(6000) });
    insert.run(crypto.randomUUID(), 'pending', Date.now() + 60_000, claims('Oldpendingsurname'));
    const ended = crypto.randomUUID();
    insert.run(ended, 'pending', Date.now() + 60_000, claims('Olderasedsurname'));
    // How an older Counter erased claims: the row is updated, the text stays in a free page.
    old.prepare(`UPDATE offers SET status = 'cancelled', claims = NULL, ended_at = 1 WHERE id = ?`).run(ended);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const bytes = () => readFileSync(file);
    expect(bytes().includes('Olderasedsurname')).toBe(true);
    expect(bytes().includes('Oldpendingsurname')).toBe(true);

    const stores = openSqliteStores(file);
    const { items } = await stores.offers.list({ kind: 'pre_authorized', limit: 10 });
    expect(items.map((o) => o.status).sort()).toEqual(['cancelled', 'expired']);
    await stores.close();
    for (const name of [file, `${file}-wal`]) {
      let content: Buffer;
      try {
        content = readFileSync(name);
      } catch {
        continue;
      }
      expect(content.includes('Olderasedsurname'), name).toBe(false);
      expect(content.includes('Oldpendingsurname'), name).toBe(false);
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma('auto_vacuum', { simple: true })).toBe(2);
    check.close();
  });
});
