import { zCreateApiTokenRequest, type ApiRole, type ApiTokenSummary, type CreatedApiToken } from '../../../../shared/api/z-api-token';
import type { EngineContext } from '../context';
import { forbidden, ManagementError, notFound, unauthorized } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import type { ApiTokenRecord } from '../store';
import { iso } from '../util/clock';
import { newSecret, sha256 } from '../util/secrets';

export const ADMIN_TOKEN_NAME = 'admin (COUNTER_ADMIN_TOKEN or first start)';

/**
 * Who made a management request: an API token (IT, integrators, a kiosk on a branch server), a
 * clerk signed in with their PIN, whose session has the issuer role (DESIGN §14), or the Electron
 * kiosk calling its own engine in-process with the issuer role and no token at all (DESIGN §8).
 */
export type Principal =
  | { kind: 'token'; id: string; name: string; role: ApiRole }
  | { kind: 'clerk'; clerkId: string; name: string; role: 'issuer'; sessionHash: Uint8Array }
  | { kind: 'kiosk'; id: 'kiosk'; name: string; role: 'issuer' };

/** DESIGN §3: admin may do everything, issuer only what the counter needs for offers. */
export function authorize(principal: Pick<Principal, 'role'>, needs: ApiRole): void {
  if (needs === 'admin' && principal.role !== 'admin')
    throw forbidden(`This needs the admin role; this token has the ${principal.role} role`);
}

/**
 * A management caller by its Authorization header (DESIGN §3), with wrong tokens throttled per
 * client address (DESIGN §8): past the limit even a right token waits, answered at once with 429
 * and Retry-After. No header at all is not a guess and is not counted.
 */
export async function authenticateCaller(ctx: EngineContext, authorization: string | undefined, address: string): Promise<Principal> {
  const now = ctx.clock.now();
  const wait = await ctx.managementThrottle.retryAfter(address, now);
  if (wait > 0)
    throw new ManagementError(429, 'TooManyRequests', `Too many wrong API tokens from this address; try again in ${wait} s`, undefined, {
      'Retry-After': String(wait),
    });
  try {
    return await authenticate(ctx, authorization);
  } catch (error) {
    if (authorization !== undefined) await ctx.managementThrottle.recordFailure(address, now);
    throw error;
  }
}

export async function authenticate(ctx: EngineContext, authorization: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('An API token is required: Authorization: Bearer <token>');
  const hash = sha256(match[1]!);
  const record = await ctx.stores.apiTokens.findByHash(hash);
  if (record) return { kind: 'token', id: record.id, name: record.name, role: record.role };
  const session = await ctx.stores.clerks.findSession(hash, ctx.clock.now());
  if (session) return { kind: 'clerk', clerkId: session.clerk.id, name: session.clerk.name, role: 'issuer', sessionHash: hash };
  throw unauthorized('Unknown or revoked API token');
}

const summary = (r: ApiTokenRecord): ApiTokenSummary => ({ id: r.id, name: r.name, role: r.role, createdAt: iso(r.createdAt) });

export async function createApiToken(ctx: EngineContext, input: unknown): Promise<CreatedApiToken> {
  const body = parseManagementInput(zCreateApiTokenRequest, input);
  const token = newSecret(ctx.random);
  const record = { id: ctx.random.uuid(), name: body.name, role: body.role, createdAt: ctx.clock.now() };
  await ctx.stores.apiTokens.insert({ ...record, hash: sha256(token) });
  return { ...summary(record), token };
}

export const listApiTokens = async (ctx: EngineContext) => ({ data: (await ctx.stores.apiTokens.list()).map(summary) });

export async function revokeApiToken(ctx: EngineContext, id: string): Promise<void> {
  if (!(await ctx.stores.apiTokens.revoke(parseId(id, 'API token'), ctx.clock.now()))) throw notFound('API token not found');
}

/**
 * The admin token: COUNTER_ADMIN_TOKEN when given (replacing the previous one), otherwise a token
 * generated on first start and returned once so that the host can print and save it.
 */
export async function ensureAdminToken(
  ctx: Pick<EngineContext, 'stores' | 'random' | 'clock'>,
  fromEnv: string | undefined,
): Promise<string | undefined> {
  const record = { id: ctx.random.uuid(), name: ADMIN_TOKEN_NAME, role: 'admin' as const, createdAt: ctx.clock.now() };
  if (fromEnv) {
    await ctx.stores.apiTokens.replaceNamed({ ...record, hash: sha256(fromEnv) });
    return undefined;
  }
  if ((await ctx.stores.apiTokens.count()) > 0) return undefined;
  const token = newSecret(ctx.random);
  await ctx.stores.apiTokens.insert({ ...record, hash: sha256(token) });
  return token;
}
