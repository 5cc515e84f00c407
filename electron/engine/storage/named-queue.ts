/**
 * In-process mutual exclusion by name: `run(name, work)` starts `work` once every earlier work of
 * that name has settled. Stores.exclusive for a database one process owns (SQLite), and the first
 * step before a database lock (PostgreSQL), so that one process never queues for itself there.
 */
export function createNamedQueue(): <T>(name: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (name, work) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
