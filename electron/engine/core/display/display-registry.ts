import type { ShowOnDisplayRequest } from '../../../../shared/api/z-display';
import type { Clock } from '../util/clock';
import { constantTimeEqual, newSecret, sha256, type RandomSource } from '../util/secrets';

// Customer displays live in this process's memory only (DESIGN §14): a pairing, and what the
// paired clerk shows on it. Nothing here is stored; the transaction code is dropped as soon as the
// clerk shows something else. (Several processes behind one address would need the pairing in the
// database; a counter's display talks to its own kiosk.)

export interface Display {
  id: string;
  tokenHash: Uint8Array;
  pairingCode: string;
  createdAt: number;
  address: string;
  /** Who paired it: "clerk:<id>" or "token:<id>" (the same clerk after a lock, or on another tab). */
  owner?: string;
  showing?: ShowOnDisplayRequest;
  listeners: Set<() => void>;
}

export interface DisplayRegistry {
  create(address: string): { display: Display; token: string; expiresAt: number } | 'too_many';
  /** The display this bearer token belongs to. */
  find(id: string, token: string | undefined): Display | undefined;
  pair(pairingCode: string, owner: string): Display | undefined;
  /** The display if this owner paired it. */
  owned(id: string, owner: string): Display | undefined;
  show(display: Display, what: ShowOnDisplayRequest | undefined): void;
  unpair(display: Display): void;
}

/** An unpaired display's code lasts this long. */
export const PAIRING_MS = 10 * 60_000;
const MAX_DISPLAYS = 200;
const MAX_UNPAIRED_PER_ADDRESS = 5;

export function createDisplayRegistry(clock: Clock, random: RandomSource): DisplayRegistry {
  const displays = new Map<string, Display>();
  const wake = (d: Display) => d.listeners.forEach((listener) => listener());
  const stale = (d: Display, now: number) => !d.owner && now - d.createdAt > PAIRING_MS;
  const sweep = (now: number) => {
    for (const [id, d] of displays) if (stale(d, now) && d.listeners.size === 0) displays.delete(id);
  };

  return {
    create(address) {
      const now = clock.now();
      sweep(now);
      const unpaired = [...displays.values()].filter((d) => !d.owner && d.address === address && !stale(d, now));
      if (displays.size >= MAX_DISPLAYS || unpaired.length >= MAX_UNPAIRED_PER_ADDRESS) return 'too_many';
      let pairingCode: string;
      do pairingCode = String(random.int(100_000, 1_000_000));
      while ([...displays.values()].some((d) => !d.owner && d.pairingCode === pairingCode));
      const token = newSecret(random);
      const display: Display = { id: random.uuid(), tokenHash: sha256(token), pairingCode, createdAt: now, address, listeners: new Set() };
      displays.set(display.id, display);
      return { display, token, expiresAt: now + PAIRING_MS };
    },
    find(id, token) {
      const d = displays.get(id);
      return d && token && constantTimeEqual(sha256(token), d.tokenHash) ? d : undefined;
    },
    pair(pairingCode, owner) {
      const now = clock.now();
      const d = [...displays.values()].find((x) => !x.owner && x.pairingCode === pairingCode && !stale(x, now));
      if (!d) return undefined;
      d.owner = owner;
      wake(d);
      return d;
    },
    owned(id, owner) {
      const d = displays.get(id);
      return d?.owner === owner ? d : undefined;
    },
    show(display, what) {
      display.showing = what;
      wake(display);
    },
    unpair(display) {
      displays.delete(display.id);
      display.owner = undefined;
      display.showing = undefined;
      wake(display);
    },
  };
}
