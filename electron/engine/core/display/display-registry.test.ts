import { describe, expect, it } from 'vitest';
import { systemRandom } from '../util/secrets';
import { createDisplayRegistry, PAIRING_MS } from './display-registry';

const clockAt = (start: number) => {
  let now = start;
  return { clock: { now: () => now }, advance: (ms: number) => (now += ms) };
};
const show = { offerId: crypto.randomUUID(), uri: 'openid-credential-offer://?x', credentialName: 'mDL' };

describe('customer display registry', () => {
  it('pairs by code once, and only the owner may show on it; the token finds it', () => {
    const { clock } = clockAt(1_000_000);
    const displays = createDisplayRegistry(clock, systemRandom);
    const created = displays.create('127.0.0.1');
    if (created === 'too_many') throw new Error('unexpected');
    expect(created.display.pairingCode).toMatch(/^[1-9]\d{5}$/);
    expect(displays.find(created.display.id, created.token)).toBe(created.display);
    expect(displays.find(created.display.id, 'wrong')).toBeUndefined();
    expect(displays.find(created.display.id, undefined)).toBeUndefined();

    let woken = 0;
    created.display.listeners.add(() => woken++);
    expect(displays.pair(created.display.pairingCode, 'clerk:a')?.id).toBe(created.display.id);
    expect(displays.pair(created.display.pairingCode, 'clerk:b')).toBeUndefined();
    expect(displays.owned(created.display.id, 'clerk:b')).toBeUndefined();
    const owned = displays.owned(created.display.id, 'clerk:a')!;
    displays.show(owned, show);
    expect(owned.showing).toEqual(show);
    displays.unpair(owned);
    expect(displays.owned(created.display.id, 'clerk:a')).toBeUndefined();
    expect(woken).toBe(3);
  });

  it('bounds unpaired displays per address, and pairing codes expire', () => {
    const { clock, advance } = clockAt(1_000_000);
    const displays = createDisplayRegistry(clock, systemRandom);
    const made = Array.from({ length: 5 }, () => displays.create('127.0.0.9'));
    expect(made.every((m) => m !== 'too_many')).toBe(true);
    expect(displays.create('127.0.0.9')).toBe('too_many');
    expect(displays.create('127.0.0.10')).not.toBe('too_many');
    const first = made[0] as Exclude<(typeof made)[number], 'too_many'>;
    advance(PAIRING_MS + 1);
    expect(displays.pair(first.display.pairingCode, 'clerk:a')).toBeUndefined();
    expect(displays.create('127.0.0.9')).not.toBe('too_many');
  });
});
