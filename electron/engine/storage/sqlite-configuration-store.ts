import type { Database, Statement } from 'better-sqlite3';
import { zMdocConfiguration, type MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { ConfigurationStore } from '../core/store';
import { parseJsonColumn } from './columns';

export class SqliteConfigurationStore implements ConfigurationStore {
  private readonly s: Record<'list' | 'get' | 'insert' | 'update' | 'delete' | 'markSeeded', Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      list: db.prepare(`SELECT body FROM configurations ORDER BY created_at, id`),
      get: db.prepare(`SELECT body FROM configurations WHERE id = ?`),
      insert: db.prepare(
        `INSERT INTO configurations (id, doc_type, body, created_at, updated_at) VALUES (@id, @docType, @body, @now, @now)`,
      ),
      update: db.prepare(`UPDATE configurations SET doc_type = @docType, body = @body, updated_at = @now WHERE id = @id`),
      delete: db.prepare(`DELETE FROM configurations WHERE id = ?`),
      markSeeded: db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('configurations_seeded', ?)`),
    };
  }

  async list() {
    return (this.s.list.all() as { body: string }[]).map((row) => parse(row.body));
  }

  async get(id: string) {
    const row = this.s.get.get(id) as { body: string } | undefined;
    return row ? parse(row.body) : undefined;
  }

  async insert(configuration: MdocConfiguration, now: number) {
    this.insertRow(configuration, now);
  }

  private insertRow(configuration: MdocConfiguration, now: number) {
    this.s.insert.run({ id: configuration.id, docType: configuration.type, body: JSON.stringify(configuration), now });
  }

  async update(configuration: MdocConfiguration, now: number) {
    return this.s.update.run({ id: configuration.id, docType: configuration.type, body: JSON.stringify(configuration), now }).changes === 1;
  }

  async delete(id: string) {
    return this.s.delete.run(id).changes === 1;
  }

  async seedOnce(configurations: MdocConfiguration[], now: number) {
    this.db.transaction(() => {
      if (this.s.markSeeded.run(new Date(now).toISOString()).changes === 0) return;
      for (const configuration of configurations) this.insertRow(configuration, now);
    })();
  }
}

function parse(body: string): MdocConfiguration {
  return zMdocConfiguration.parse(parseJsonColumn(body, 'configurations.body'));
}
