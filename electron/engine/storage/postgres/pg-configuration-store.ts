import { zMdocConfiguration, type MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import type { ConfigurationStore } from '../../core/store';
import { parseJsonValue } from '../columns';
import type { PgExec } from './pg-connection';
import { statement } from './pg-statement';

type Body = [id: string, docType: string, body: string, now: number];

const q = {
  list: statement<[], { body: unknown }>('configurations.list', `SELECT body FROM configurations ORDER BY created_at, id`),
  get: statement<[string], { body: unknown }>('configurations.get', `SELECT body FROM configurations WHERE id = $1`),
  insert: statement<Body>(
    'configurations.insert',
    `INSERT INTO configurations (id, doc_type, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
  ),
  update: statement<Body>('configurations.update', `UPDATE configurations SET doc_type = $2, body = $3, updated_at = $4 WHERE id = $1`),
  delete: statement<[string]>('configurations.delete', `DELETE FROM configurations WHERE id = $1`),
  markSeeded: statement<[string], { key: string }>(
    'configurations.mark-seeded',
    `INSERT INTO meta (key, value) VALUES ('configurations_seeded', $1) ON CONFLICT (key) DO NOTHING RETURNING key`,
  ),
};

const parse = (body: unknown): MdocConfiguration => parseJsonValue(body, zMdocConfiguration, 'configurations.body');
const params = (configuration: MdocConfiguration, now: number): Body => [
  configuration.id,
  configuration.type,
  JSON.stringify(configuration),
  now,
];

export class PgConfigurationStore implements ConfigurationStore {
  constructor(private readonly exec: PgExec) {}

  async list() {
    return (await this.exec.rows(q.list, [])).map((row) => parse(row.body));
  }

  async get(id: string) {
    const row = await this.exec.first(q.get, [id]);
    return row ? parse(row.body) : undefined;
  }

  async insert(configuration: MdocConfiguration, now: number) {
    await this.exec.changes(q.insert, params(configuration, now));
  }

  async update(configuration: MdocConfiguration, now: number) {
    return (await this.exec.changes(q.update, params(configuration, now))) === 1;
  }

  async delete(id: string) {
    return (await this.exec.changes(q.delete, [id])) === 1;
  }

  /** The seeded mark and the seeds commit together, so two processes starting at once seed once. */
  seedOnce(configurations: MdocConfiguration[], now: number) {
    return this.exec.atomic(async (tx) => {
      if (!(await tx.first(q.markSeeded, [new Date(now).toISOString()]))) return;
      for (const configuration of configurations) await tx.changes(q.insert, params(configuration, now));
    });
  }
}
