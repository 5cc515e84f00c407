import type { Database } from 'better-sqlite3';
import type { StorageHealth } from '../core/store';
import { StorageUnavailableError } from '../core/store-errors';
import { storageFault } from './sqlite-faults';

/**
 * How a store runs its statements. Every call is synchronous inside (better-sqlite3), so each
 * `read` or `write` is atomic on its own; `write` also translates disk and I/O failures into
 * StorageUnavailableError.
 */
export interface SqliteExec {
  read<T>(work: () => T): Promise<T>;
  write<T>(work: () => T): Promise<T>;
}

/**
 * The engine's one connection (DESIGN §6) and the order of work on it. A unit of work spans
 * `await`s, so while one is open every other caller waits at the gate: their statements would
 * otherwise run inside it and be rolled back with it.
 */
export class SqliteConnection {
  private held = false;
  private waiting: (() => void)[] = [];
  private readonly direct: SqliteExec;
  /** For the stores of the outer set: waits for an open unit of work to end first. */
  readonly outer: SqliteExec;
  /** For the stores handed to a unit of work: runs at once, inside its transaction. */
  readonly inside: SqliteExec;

  private lostReported = false;

  /**
   * `lost` says why the database file may no longer be written (fileIdentityGuard), and
   * `onLost` hears about it once, loudly.
   */
  constructor(
    readonly db: Database,
    private readonly lost: () => string | undefined = () => undefined,
    private readonly onLost: (message: string) => void = () => {},
  ) {
    this.direct = {
      read: async (work) => this.guarded(work),
      write: async (work) => {
        this.checkWritable();
        return this.guarded(work);
      },
    };
    this.inside = this.direct;
    this.outer = {
      read: async (work) => {
        while (this.held) await this.idle();
        return this.guarded(work);
      },
      write: async (work) => {
        while (this.held) await this.idle();
        this.checkWritable();
        return this.guarded(work);
      },
    };
  }

  /** Runs `work` in one IMMEDIATE transaction with the gate held (see Stores.transaction). */
  async unitOfWork<T>(work: () => Promise<T>): Promise<T> {
    while (this.held) await this.idle();
    this.held = true;
    try {
      this.checkWritable();
      this.guarded(() => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await work();
        this.guarded(() => this.db.exec('COMMIT'));
        return result;
      } finally {
        // After a failed COMMIT SQLite may already have rolled back; after a success this is a no-op.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
    } finally {
      this.held = false;
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    }
  }

  /** Readiness: the file is still ours and answers a read. */
  async health(): Promise<StorageHealth> {
    const why = this.lost();
    if (why) return { ok: false, problem: `Storage unavailable: ${why}` };
    try {
      this.guarded(() => this.db.prepare('SELECT 1').get());
      return { ok: true };
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  }

  private checkWritable(): void {
    const why = this.lost();
    if (!why) return;
    const message = `Storage unavailable: ${why}; writes are refused until Counter is restarted on a restored data dir`;
    if (!this.lostReported) {
      this.lostReported = true;
      this.onLost(message);
    }
    throw new StorageUnavailableError('lost', message);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private guarded<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const fault = storageFault(error);
      throw fault ? new StorageUnavailableError(fault.fault, fault.message, { cause: error }) : error;
    }
  }
}
