import { describe, expect, it } from 'vitest';
import { systemRandom } from '../util/secrets';
import { hashPin, verifyPin } from './pin-hash';

describe('PIN hashing', () => {
  it('verifies the right PIN only, with a salt per hash', async () => {
    const a = await hashPin('4821', systemRandom);
    const b = await hashPin('4821', systemRandom);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPin('4821', a)).toBe(true);
    expect(await verifyPin('4822', a)).toBe(false);
    expect(await verifyPin('4821', 'plain$4821')).toBe(false);
  });
});
