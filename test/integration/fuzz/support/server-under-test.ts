// The one real server a fuzz file talks to (each file starts its own, see fuzz-server.ts).
import type { CounterServer } from '../../support/counter-server';

interface ServerUnderTest {
  server: CounterServer;
  host: string;
  port: number;
}

let current: ServerUnderTest | undefined;

export function setServerUnderTest(server: CounterServer): void {
  const url = new URL(server.url);
  current = { server, host: url.hostname, port: Number(url.port) };
}

/** The server started in this file's beforeAll (throws before that). */
export function underTest(): ServerUnderTest {
  if (!current) throw new Error('the fuzz server is not started yet (see startFuzzServer in beforeAll)');
  return current;
}

/** The server, if beforeAll got as far as starting one. */
export const startedServer = (): CounterServer | undefined => current?.server;

/** The server's log since the start, last lines (a 500's stack trace lands there). */
export const serverLogTail = () => underTest().server.output().split('\n').slice(-15).join('\n');
