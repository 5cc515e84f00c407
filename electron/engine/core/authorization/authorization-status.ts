import type { AuthorizationRecord, AuthorizationStatus } from '../store';

/** The one reading of an authorization's status (DESIGN §4): a pending one past its time has expired, swept or not. */
export const effectiveAuthorizationStatus = (a: Pick<AuthorizationRecord, 'status' | 'expiresAt'>, now: number): AuthorizationStatus =>
  a.status === 'pending' && a.expiresAt <= now ? 'expired' : a.status;
