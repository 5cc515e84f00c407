import {
  zClerkPinRequest,
  zClerkSignInRequest,
  zCreateClerkRequest,
  type ClerkSession,
  type ClerkSummary,
  type WhoAmI,
} from '../../../../shared/api/z-clerk';
import type { EngineContext, RequestInfo } from '../context';
import { ManagementError, notFound, unauthorized } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import type { ClerkRecord } from '../store';
import { iso } from '../util/clock';
import { newSecret, sha256 } from '../util/secrets';
import type { Principal } from './api-tokens';
import { hashPin, verifyNobody, verifyPin } from './pin-hash';

// Clerks sign in as themselves (DESIGN §14): an admin creates them (name + PIN); a sign-in gives a
// session with the issuer role; wrong PINs are throttled per address and, five in a row, lock the
// clerk for a while. Failures never say whether the name exists.

/** Names compare case-folded and normalised: "Mere" and "MERE" are one clerk. */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

const summary = (clerk: ClerkRecord, now: number): ClerkSummary => ({
  id: clerk.id,
  name: clerk.name,
  createdAt: iso(clerk.createdAt),
  ...(clerk.lockedUntil && clerk.lockedUntil > now ? { lockedUntil: iso(clerk.lockedUntil) } : {}),
});

const clerkId = (id: string): string => parseId(id, 'clerk');

const tooMany = (seconds: number, message: string) =>
  new ManagementError(429, 'TooManyRequests', message, undefined, { 'Retry-After': String(seconds) });

export async function listClerks(ctx: EngineContext): Promise<{ data: ClerkSummary[] }> {
  const now = ctx.clock.now();
  return { data: (await ctx.stores.clerks.list()).map((c) => summary(c, now)) };
}

export function createClerk(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<ClerkSummary> {
  const data: Record<string, string | undefined> = {};
  return ctx.events.operation('COUNTER_CLERK_CREATE', request, data, async () => {
    const body = parseManagementInput(zCreateClerkRequest, input);
    const clerk = {
      id: ctx.random.uuid(),
      name: body.name,
      nameKey: nameKey(body.name),
      pinHash: await hashPin(body.pin, ctx.random),
      createdAt: ctx.clock.now(),
    };
    if (!(await ctx.stores.clerks.insert(clerk))) throw new ManagementError(409, 'Conflict', `There is already a clerk named ${body.name}`);
    data.subjectClerkId = clerk.id;
    return summary({ ...clerk, failedAttempts: 0 }, clerk.createdAt);
  });
}

/** A new PIN (also unlocks the clerk). */
export function setClerkPin(ctx: EngineContext, id: string, input: unknown, request: RequestInfo): Promise<ClerkSummary> {
  return ctx.events.operation('COUNTER_CLERK_UPDATE', request, { subjectClerkId: id }, async () => {
    const subject = clerkId(id);
    const body = parseManagementInput(zClerkPinRequest, input);
    if (!(await ctx.stores.clerks.setPin(subject, await hashPin(body.pin, ctx.random)))) throw notFound('Clerk not found');
    const clerk = await ctx.stores.clerks.get(id);
    if (!clerk) throw notFound('Clerk not found');
    return summary(clerk, ctx.clock.now());
  });
}

/** Removes the clerk; their sessions end at once. */
export function removeClerk(ctx: EngineContext, id: string, request: RequestInfo): Promise<void> {
  return ctx.events.operation('COUNTER_CLERK_DELETE', request, { subjectClerkId: id }, async () => {
    if (!(await ctx.stores.clerks.remove(clerkId(id), ctx.clock.now()))) throw notFound('Clerk not found');
  });
}

const REFUSED = 'Unknown clerk name or wrong PIN';

/** POST /v1/counter/clerk-sessions: name and PIN → an issuer session for this clerk. */
export function signInClerk(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<ClerkSession> {
  const data: Record<string, string | undefined> = {};
  return ctx.events.operation('COUNTER_CLERK_SIGN_IN', request, data, async () => {
    const now = ctx.clock.now();
    const wait = await ctx.pinThrottle.retryAfter(request.requestIp, now);
    if (wait > 0) throw tooMany(wait, `Too many wrong PINs from this computer; try again in ${wait} s`);
    const body = parseManagementInput(zClerkSignInRequest, input);
    const clerk = await ctx.stores.clerks.findByNameKey(nameKey(body.name));
    if (clerk?.lockedUntil && clerk.lockedUntil > now) {
      const seconds = Math.ceil((clerk.lockedUntil - now) / 1000);
      throw tooMany(
        seconds,
        `${clerk.name} is locked after too many wrong PINs; try again in ${Math.ceil(seconds / 60)} min, or ask an admin for a new PIN`,
      );
    }
    const right = clerk ? await verifyPin(body.pin, clerk.pinHash) : await verifyNobody(body.pin);
    if (!clerk || !right) {
      await ctx.pinThrottle.recordFailure(request.requestIp, now);
      if (clerk) {
        data.subjectClerkId = clerk.id;
        const lockUntil = now + ctx.settings.pinLockSeconds * 1000;
        const after = await ctx.stores.clerks.recordFailure(clerk.id, ctx.settings.maxPinFailures, lockUntil);
        if (after?.lockedUntil === lockUntil) {
          throw tooMany(
            ctx.settings.pinLockSeconds,
            `${clerk.name} is now locked after ${ctx.settings.maxPinFailures} wrong PINs; ask an admin for a new PIN or wait ${ctx.settings.pinLockSeconds / 60} min`,
          );
        }
      }
      throw unauthorized(REFUSED);
    }
    await ctx.stores.clerks.recordSuccess(clerk.id);
    const token = newSecret(ctx.random);
    const expiresAt = now + ctx.settings.clerkSessionSeconds * 1000;
    await ctx.stores.clerks.insertSession({ hash: sha256(token), clerkId: clerk.id, createdAt: now, expiresAt });
    // The event names the clerk who signed in, like every event after it.
    request.clerk = { id: clerk.id, name: clerk.name };
    return { token, clerk: { id: clerk.id, name: clerk.name }, role: 'issuer', expiresAt: iso(expiresAt) };
  });
}

/** DELETE /v1/counter/clerk-sessions/current: the clerk's session ends (an API token is left alone). */
export function signOutClerk(ctx: EngineContext, principal: Principal, request: RequestInfo): Promise<void> {
  return ctx.events.operation('COUNTER_CLERK_SIGN_OUT', request, {}, async () => {
    if (principal.kind === 'clerk') await ctx.stores.clerks.endSession(principal.sessionHash, ctx.clock.now());
  });
}

export const whoAmI = (principal: Principal): WhoAmI =>
  principal.kind === 'clerk'
    ? { kind: 'clerk', name: principal.name, role: principal.role, clerkId: principal.clerkId }
    : { kind: principal.kind, name: principal.name, role: principal.role };
