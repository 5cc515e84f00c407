import { z } from 'zod';
import type { WalletProtocolStore, WalletProviderRecord } from '../../core/store';
import { parseColumn } from '../columns';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

interface ProviderRow {
  id: string;
  name: string;
  kind: string;
  material: string;
  fingerprint: string;
  created_at: number;
}

const zKind = z.enum(['certificate', 'jwk']);

const q = {
  list: statement<[], ProviderRow>(
    'wallet-providers.list',
    `SELECT id, name, kind, material, fingerprint, created_at FROM wallet_providers ORDER BY created_at, id`,
  ),
  insert: statement<[string, string, string, string, string, number]>(
    'wallet-providers.insert',
    `INSERT INTO wallet_providers (id, name, kind, material, fingerprint, created_at) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (fingerprint) DO NOTHING`,
  ),
  delete: statement<[string]>('wallet-providers.delete', `DELETE FROM wallet_providers WHERE id = $1`),
  get: statement<[string], { value: string }>('wallet-settings.get', `SELECT value FROM wallet_settings WHERE name = $1`),
  put: statement<[string, string, number]>(
    'wallet-settings.put',
    `INSERT INTO wallet_settings (name, value, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ),
  // Inserted, or the row already there: either way one row with the stored value comes back.
  once: statement<[string, string, number], { value: string }>(
    'wallet-settings.once',
    `INSERT INTO wallet_settings AS s (name, value, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET name = s.name RETURNING value`,
  ),
};

export class PgWalletProtocolStore implements WalletProtocolStore {
  constructor(private readonly exec: PgExec) {}

  async listProviders() {
    return (await this.exec.rows(q.list, [])).map((row): WalletProviderRecord => ({
      id: row.id,
      name: row.name,
      kind: parseColumn(row.kind, zKind, 'wallet_providers.kind'),
      material: row.material,
      fingerprint: row.fingerprint,
      createdAt: Number(row.created_at),
    }));
  }
  async insertProvider(p: WalletProviderRecord) {
    return (await this.exec.changes(q.insert, [p.id, p.name, p.kind, p.material, p.fingerprint, p.createdAt])) === 1;
  }
  async deleteProvider(id: string) {
    return (await this.exec.changes(q.delete, [id])) === 1;
  }
  async getSetting(name: string) {
    return (await this.exec.first(q.get, [name]))?.value;
  }
  async putSetting(name: string, value: string, now: number) {
    await this.exec.changes(q.put, [name, value, now]);
  }
  async settingOnce(name: string, value: string, now: number) {
    return (await this.exec.first(q.once, [name, value, now]))!.value;
  }
}
