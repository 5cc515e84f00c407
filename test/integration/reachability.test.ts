// DESIGN §13: a kiosk on a branch server knows when it cannot reach it. The real HTTP client
// against a real `npm run serve`: stopped → unreachable (and said so), back on the same port →
// reachable again without any call from the UI.
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpCounterApi } from '../../shared/http/http-counter-api';
import { trackReachability, type Reachability } from '../../shared/http/reachability';
import { newDataDir, removeDataDir, startCounter, type CounterServer } from './support/counter-server';

const dataDir = newDataDir();
let server: CounterServer | undefined;
afterAll(async () => {
  await server?.stop();
  removeDataDir(dataDir);
});

describe('reachability of a branch server', () => {
  it('turns unreachable when the server goes and reachable again by itself when it is back', async () => {
    server = await startCounter({ dataDir });
    const { port } = new URL(server.url);
    const tracked = trackReachability(createHttpCounterApi({ baseUrl: server.url, token: server.adminToken }), { probeMs: 200 });
    const seen: Reachability[] = [];
    tracked.subscribe((state) => seen.push(state));
    try {
      expect((await tracked.api.listConfigurations()).length).toBeGreaterThan(0);
      expect(tracked.current()).toEqual({ reachable: true });

      await server.stop();
      await expect(tracked.api.listOffers()).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
      expect(tracked.current()).toEqual({ reachable: false, reason: expect.stringMatching(/could not be reached/) });
      // An answer with an error status still proves the link.
      server = await startCounter({ dataDir, adminToken: server.adminToken, args: ['--port', port] });
      await expect.poll(() => tracked.current().reachable, { timeout: 10_000 }).toBe(true);
      expect(seen.map((s) => s.reachable)).toEqual([false, true]);
      await expect(tracked.api.getOffer('not-a-uuid')).rejects.toMatchObject({ status: 400 });
      expect(tracked.current().reachable).toBe(true);
    } finally {
      tracked.stop();
    }
  });
});
