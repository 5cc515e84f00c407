import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { WalletProtocolStore, WalletProviderRecord } from '../core/store';
import { parseColumn } from './columns';
import type { SqliteExec } from './sqlite-connection';

interface ProviderRow {
  id: string;
  name: string;
  kind: string;
  material: string;
  fingerprint: string;
  created_at: number;
}

const zKind = z.enum(['certificate', 'jwk']);

export function prepareWalletProtocolStatements(db: Database) {
  return {
    list: db.prepare<[], ProviderRow>(
      `SELECT id, name, kind, material, fingerprint, created_at FROM wallet_providers ORDER BY created_at, id`,
    ),
    insert: db.prepare<WalletProviderRecord>(
      `INSERT INTO wallet_providers (id, name, kind, material, fingerprint, created_at)
        VALUES (@id, @name, @kind, @material, @fingerprint, @createdAt) ON CONFLICT (fingerprint) DO NOTHING`,
    ),
    delete: db.prepare<[string]>(`DELETE FROM wallet_providers WHERE id = ?`),
    get: db.prepare<[string], { value: string }>(`SELECT value FROM wallet_settings WHERE name = ?`),
    put: db.prepare<{ name: string; value: string; now: number }>(
      `INSERT INTO wallet_settings (name, value, updated_at) VALUES (@name, @value, @now)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    once: db.prepare<{ name: string; value: string; now: number }, { value: string }>(
      `INSERT INTO wallet_settings (name, value, updated_at) VALUES (@name, @value, @now)
        ON CONFLICT (name) DO UPDATE SET name = name RETURNING value`,
    ),
  };
}

export type WalletProtocolStatements = ReturnType<typeof prepareWalletProtocolStatements>;

const toRecord = (row: ProviderRow): WalletProviderRecord => ({
  id: row.id,
  name: row.name,
  kind: parseColumn(row.kind, zKind, 'wallet_providers.kind'),
  material: row.material,
  fingerprint: row.fingerprint,
  createdAt: row.created_at,
});

export class SqliteWalletProtocolStore implements WalletProtocolStore {
  constructor(
    private readonly s: WalletProtocolStatements,
    private readonly exec: SqliteExec,
  ) {}

  listProviders() {
    return this.exec.read(() => this.s.list.all().map(toRecord));
  }
  insertProvider(provider: WalletProviderRecord) {
    return this.exec.write(() => this.s.insert.run(provider).changes === 1);
  }
  deleteProvider(id: string) {
    return this.exec.write(() => this.s.delete.run(id).changes === 1);
  }
  getSetting(name: string) {
    return this.exec.read(() => this.s.get.get(name)?.value);
  }
  putSetting(name: string, value: string, now: number) {
    return this.exec.write(() => void this.s.put.run({ name, value, now }));
  }
  settingOnce(name: string, value: string, now: number) {
    return this.exec.write(() => this.s.once.get({ name, value, now })!.value);
  }
}
