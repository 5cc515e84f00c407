import type { Database } from 'better-sqlite3';
import { zMdocConfiguration, type MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import type { ConfigurationStore } from '../core/store';
import { parseJsonColumn } from './columns';
import type { SqliteExec } from './sqlite-connection';

type Body = { id: string; docType: string; body: string; now: number };

export function prepareConfigurationStatements(db: Database) {
  return {
    list: db.prepare<[], { body: string }>(`SELECT body FROM configurations ORDER BY created_at, id`),
    get: db.prepare<[string], { body: string }>(`SELECT body FROM configurations WHERE id = ?`),
    insert: db.prepare<Body>(
      `INSERT INTO configurations (id, doc_type, body, created_at, updated_at) VALUES (@id, @docType, @body, @now, @now)`,
    ),
    update: db.prepare<Body>(`UPDATE configurations SET doc_type = @docType, body = @body, updated_at = @now WHERE id = @id`),
    delete: db.prepare<[string]>(`DELETE FROM configurations WHERE id = ?`),
    markSeeded: db.prepare<[string]>(`INSERT OR IGNORE INTO meta (key, value) VALUES ('configurations_seeded', ?)`),
  };
}

export type ConfigurationStatements = ReturnType<typeof prepareConfigurationStatements>;

const parse = (body: string): MdocConfiguration => parseJsonColumn(body, zMdocConfiguration, 'configurations.body');
const params = (configuration: MdocConfiguration, now: number): Body => ({
  id: configuration.id,
  docType: configuration.type,
  body: JSON.stringify(configuration),
  now,
});

export class SqliteConfigurationStore implements ConfigurationStore {
  private readonly seed: (configurations: MdocConfiguration[], now: number) => void;

  constructor(
    db: Database,
    private readonly s: ConfigurationStatements,
    private readonly exec: SqliteExec,
  ) {
    this.seed = db.transaction((configurations: MdocConfiguration[], now: number) => {
      if (s.markSeeded.run(new Date(now).toISOString()).changes === 0) return;
      for (const configuration of configurations) s.insert.run(params(configuration, now));
    });
  }

  list() {
    return this.exec.read(() => this.s.list.all().map((row) => parse(row.body)));
  }

  get(id: string) {
    return this.exec.read(() => {
      const row = this.s.get.get(id);
      return row ? parse(row.body) : undefined;
    });
  }

  insert(configuration: MdocConfiguration, now: number) {
    return this.exec.write(() => void this.s.insert.run(params(configuration, now)));
  }

  update(configuration: MdocConfiguration, now: number) {
    return this.exec.write(() => this.s.update.run(params(configuration, now)).changes === 1);
  }

  delete(id: string) {
    return this.exec.write(() => this.s.delete.run(id).changes === 1);
  }

  seedOnce(configurations: MdocConfiguration[], now: number) {
    return this.exec.write(() => this.seed(configurations, now));
  }
}
