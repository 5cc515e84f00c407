import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { permuteIndex } from './index-permutation';

describe('permuteIndex', () => {
  it.each([16, 24, 1000, 4096])('is a bijection of [0, %i)', (size) => {
    const key = randomBytes(32);
    const seen = new Set(Array.from({ length: size }, (_, n) => permuteIndex(key, size, n)));
    expect(seen.size).toBe(size);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(size - 1);
  });

  it('orders a 2^16 list differently under different keys, and not sequentially', () => {
    const a = Array.from({ length: 200 }, (_, n) => permuteIndex(Buffer.alloc(32, 1), 65536, n));
    const b = Array.from({ length: 200 }, (_, n) => permuteIndex(Buffer.alloc(32, 2), 65536, n));
    expect(a).not.toEqual(b);
    const steps = a.slice(1).filter((index, n) => index === a[n]! + 1).length;
    expect(steps).toBeLessThan(3);
    expect(new Set(a).size).toBe(200);
  });

  it('refuses positions outside the list', () => {
    expect(() => permuteIndex(randomBytes(32), 16, 16)).toThrow(/outside/);
    expect(() => permuteIndex(randomBytes(32), 16, -1)).toThrow(/outside/);
  });
});
