import { describe, expect, it } from 'vitest';
import { createFailureThrottle } from './failure-throttle';

describe('failure throttle', () => {
  it('blocks an address after its limit until the window ends, and no one else', () => {
    const throttle = createFailureThrottle(3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfter('10.0.0.1', t0 + i)).toBe(0);
      throttle.recordFailure('10.0.0.1', t0 + i);
    }
    expect(throttle.retryAfter('10.0.0.1', t0 + 10)).toBe(60);
    expect(throttle.retryAfter('10.0.0.1', t0 + 45_500)).toBe(15);
    expect(throttle.retryAfter('10.0.0.2', t0 + 10)).toBe(0);
    expect(throttle.retryAfter('10.0.0.1', t0 + 60_000)).toBe(0);
  });

  it('stays bounded in memory under many addresses', () => {
    const throttle = createFailureThrottle(1);
    for (let i = 0; i < 25_000; i += 1) throttle.recordFailure(`a${i}`, i);
    // The most recent address is still tracked.
    expect(throttle.retryAfter('a24999', 25_000)).toBeGreaterThan(0);
  });
});
