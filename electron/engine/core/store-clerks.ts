// The clerks' port (DESIGN §14): clerks who sign in with name and PIN, and their sessions.
// Part of the engine's ports to storage (./store.ts), which re-exports it.

/** A clerk who signs in with name and PIN (DESIGN §14). */
export interface ClerkRecord {
  id: string;
  name: string;
  /** The name as compared (case-folded): unique among clerks not removed. */
  nameKey: string;
  /** The PIN's slow hash (core/auth/pin-hash.ts); never the PIN. */
  pinHash: string;
  createdAt: number;
  /** Wrong PINs since the last right one or the last lock. */
  failedAttempts: number;
  lockedUntil?: number;
}

export type NewClerk = Pick<ClerkRecord, 'id' | 'name' | 'nameKey' | 'pinHash' | 'createdAt'>;

export interface ClerkSessionRecord {
  /** SHA-256 of the session's bearer token (DESIGN §6). */
  hash: Uint8Array;
  clerkId: string;
  createdAt: number;
  expiresAt: number;
}

export interface ClerkStore {
  /** false when another clerk (not removed) has the same nameKey. */
  insert(clerk: NewClerk): Promise<boolean>;
  /** The clerks not removed, by name. */
  list(): Promise<ClerkRecord[]>;
  get(id: string): Promise<ClerkRecord | undefined>;
  findByNameKey(nameKey: string): Promise<ClerkRecord | undefined>;
  /** A new PIN; clears the wrong-PIN count and any lock. false when unknown or removed. */
  setPin(id: string, pinHash: string): Promise<boolean>;
  /** Removes the clerk and ends every session of theirs. false when unknown or already removed. */
  remove(id: string, now: number): Promise<boolean>;
  /**
   * One wrong PIN, counted atomically: at `maxFailures` the clerk is locked until `lockUntil` and
   * the count starts again. Undefined when unknown or removed.
   */
  recordFailure(id: string, maxFailures: number, lockUntil: number): Promise<{ failedAttempts: number; lockedUntil?: number } | undefined>;
  /** A right PIN: the wrong-PIN count goes back to zero. */
  recordSuccess(id: string): Promise<void>;
  insertSession(session: ClerkSessionRecord): Promise<void>;
  /** The session and its clerk, while unexpired, not ended and the clerk not removed. */
  findSession(hash: Uint8Array, now: number): Promise<{ session: ClerkSessionRecord; clerk: ClerkRecord } | undefined>;
  endSession(hash: Uint8Array, now: number): Promise<boolean>;
  /** Deletes sessions that expired or ended before `before`; how many. */
  purgeSessions(before: number): Promise<number>;
}
