import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Stores } from '../core/store';
import { sha256 } from '../core/util/secrets';
import { DataDirInUseError } from './open-database';
import { openSqliteStores } from './sqlite-stores';
import { storeContract } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'counter-store-'));
const opened: Stores[] = [];
let n = 0;
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

storeContract('SQLite', async () => {
  const stores = openSqliteStores(join(dir, `contract-${(n += 1)}.sqlite`));
  opened.push(stores);
  return stores;
});

describe('SQLite database file', () => {
  it('refuses a second instance on the same file while the first is open, then allows it', async () => {
    const file = join(dir, 'lock.sqlite');
    const first = openSqliteStores(file);
    expect(() => openSqliteStores(file)).toThrow(DataDirInUseError);
    // Another process too: the lock is the OS's, not this process's.
    const script = `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)},{timeout:0});try{d.pragma('locking_mode = EXCLUSIVE');d.pragma('journal_mode = WAL');console.log('opened')}catch(e){console.log(e.code)}`;
    expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout.trim()).toBe('SQLITE_BUSY');
    await first.close();
    const second = openSqliteStores(file);
    await second.close();
  });

  it('keeps data across close and reopen, in WAL mode', async () => {
    const file = join(dir, 'persist.sqlite');
    const first = openSqliteStores(file);
    await first.nonces.insert(sha256('kept'), Date.now() + 60_000);
    await first.close();
    const second = openSqliteStores(file);
    expect(await second.nonces.consume(sha256('kept'), Date.now())).toBe(true);
    await second.close();
  });
});
