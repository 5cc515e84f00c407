// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (DESIGN §13). Test files
// read it with `inject('postgres')`. Without PostgreSQL the tests that need it skip with the
// printed reason; in CI (CI=true) that is an error, since .ci/run installs it.
import type { TestProject } from 'vitest/node';
import { postgresUnavailableReason, startPostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { adminUrl: string } | { unavailable: string };
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reason = process.env.COUNTER_TEST_POSTGRES === '0' ? 'COUNTER_TEST_POSTGRES=0' : postgresUnavailableReason();
  if (reason) {
    if (process.env.CI) throw new Error(`CI must run the PostgreSQL tests, but: ${reason}`);
    console.warn(`PostgreSQL tests skip: ${reason}`);
    project.provide('postgres', { unavailable: reason });
    return undefined;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgres', { adminUrl: cluster.adminUrl });
  return () => cluster.stop();
}
