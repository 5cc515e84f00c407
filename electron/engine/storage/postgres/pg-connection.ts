import pg from 'pg';
import { StorageUnavailableError } from '../../core/store-errors';
import { isRetryable, pgStorageFault } from './pg-faults';
import type { Statement } from './pg-statement';

/** How a PostgreSQL store runs its statements: on the pool, or on the client of one transaction. */
export interface PgExec {
  rows<P extends readonly unknown[], R>(statement: Statement<P, R>, params: P): Promise<R[]>;
  first<P extends readonly unknown[], R>(statement: Statement<P, R>, params: P): Promise<R | undefined>;
  /** The number of rows the statement changed. */
  changes<P extends readonly unknown[], R>(statement: Statement<P, R>, params: P): Promise<number>;
  /**
   * Several statements as one (DESIGN §13): a SERIALIZABLE transaction, run again after a
   * serialization failure or deadlock; inside a unit of work, simply part of it.
   */
  atomic<T>(work: (exec: PgExec) => Promise<T>): Promise<T>;
  /** Runs `effect` once the surrounding transaction has committed (at once when there is none). */
  afterCommit(effect: () => void): void;
}

interface Queryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
}

const MAX_ATTEMPTS = 30;
const INT8 = 20;

/** BIGINT columns hold milliseconds and sequence numbers, all well inside Number's safe range. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A storage fault in storage's own words (StorageUnavailableError); anything else unchanged. */
export function translate(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const fault = pgStorageFault(error);
  return fault ? new StorageUnavailableError(fault.fault, fault.message, { cause: error }) : error;
}

export interface PgConnectionOptions {
  /** Pool size per process (COUNTER_DATABASE_POOL); PostgreSQL's max_connections bounds the sum over processes. */
  max?: number;
  log?: (message: string, error?: unknown) => void;
}

/** The pool of one engine process, and its transactions. */
export class PgConnection {
  readonly pool: pg.Pool;
  readonly exec: PgExec;
  readonly config: pg.ClientConfig;

  constructor(url: string, options: PgConnectionOptions = {}) {
    this.config = { connectionString: url, types, application_name: 'counter', keepAlive: true, connectionTimeoutMillis: 5_000 };
    this.pool = new pg.Pool({ ...this.config, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
    // An idle client whose server went away must not take the process down; the next query reports it.
    this.pool.on('error', (error) => options.log?.('a pooled database connection failed', error));
    this.exec = this.execOn(this.pool, undefined);
  }

  /** Runs `work` in one SERIALIZABLE transaction, again from the start after a serialization failure. */
  async serializable<T>(work: (exec: PgExec) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const effects: (() => void)[] = [];
      try {
        const result = await this.withClient(async (client) => {
          await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
          try {
            const value = await work(this.execOn(client, effects));
            await client.query('COMMIT');
            return value;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        });
        for (const effect of effects) effect();
        return result;
      } catch (error) {
        if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw translate(error);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }

  /** One pooled client for `work`; a client that failed is discarded rather than returned to the pool. */
  async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error);
    }
    let failed: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      if (error instanceof StorageUnavailableError || pgStorageFault(error)) failed = error as Error;
      throw error;
    } finally {
      client.release(failed);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private execOn(target: Queryable, effects: (() => void)[] | undefined): PgExec {
    const run = async <P extends readonly unknown[], R>(s: Statement<P, R>, params: P) => {
      try {
        return await target.query({ name: s.name, text: s.text, values: [...params] });
      } catch (error) {
        throw translate(error);
      }
    };
    const exec: PgExec = {
      rows: async (s, params) => (await run(s, params)).rows,
      first: async (s, params) => (await run(s, params)).rows[0],
      changes: async (s, params) => (await run(s, params)).rowCount ?? 0,
      atomic: (work) => (effects ? work(exec) : this.serializable(work)),
      afterCommit: (effect) => (effects ? effects.push(effect) : effect()),
    };
    return exec;
  }
}
