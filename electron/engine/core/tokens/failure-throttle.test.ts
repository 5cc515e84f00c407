import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../storage/sqlite-stores';
import { createFailureThrottle } from './failure-throttle';

const dir = mkdtempSync(join(tmpdir(), 'counter-throttle-'));
const stores = openSqliteStores(join(dir, 'throttle.sqlite'));
afterAll(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('failure throttle', () => {
  it('blocks an address after its limit until the window ends, and no one else', async () => {
    const throttle = createFailureThrottle(stores.throttles, 'token', 3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i += 1) {
      expect(await throttle.retryAfter('10.0.0.1', t0 + i)).toBe(0);
      await throttle.recordFailure('10.0.0.1', t0 + i);
    }
    expect(await throttle.retryAfter('10.0.0.1', t0 + 10)).toBe(60);
    expect(await throttle.retryAfter('10.0.0.1', t0 + 45_500)).toBe(15);
    expect(await throttle.retryAfter('10.0.0.2', t0 + 10)).toBe(0);
    expect(await throttle.retryAfter('10.0.0.1', t0 + 60_000)).toBe(0);
  });

  it('keeps scopes apart', async () => {
    const token = createFailureThrottle(stores.throttles, 'token', 1);
    const management = createFailureThrottle(stores.throttles, 'management', 1);
    await token.recordFailure('10.0.0.9', 5_000_000);
    expect(await token.retryAfter('10.0.0.9', 5_000_001)).toBeGreaterThan(0);
    expect(await management.retryAfter('10.0.0.9', 5_000_001)).toBe(0);
  });
});
