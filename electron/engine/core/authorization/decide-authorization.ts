import type { z } from 'zod';
import type { zAuthorizationListQuery } from '../../../../shared/api/z-list-query';
import { zApproveAuthorizationRequest, type AuthorizationSummary } from '../../../../shared/api/z-authorization';
import { settleExpiries } from '../housekeeping';
import type { EngineContext, RequestInfo } from '../context';
import { conflict, notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import { resolveConfigurations, validateClaims } from '../claims/validate-claims';
import type { AuthorizationRecord, DecisionOutcome } from '../store';
import { iso } from '../util/clock';
import { encodeClaims, sealToCodeHolder } from '../claims/sealed-claims';
import { effectiveAuthorizationStatus } from './authorization-status';

// The clerk's half of the Authorization Code flow (DESIGN §4): the person at the counter is the authentication step.

export function authorizationSummary(a: AuthorizationRecord, now: number): AuthorizationSummary {
  const status = effectiveAuthorizationStatus(a, now);
  return {
    id: a.id,
    shortCode: a.shortCode,
    credentials: a.credentials,
    clientId: a.clientId,
    status,
    createdAt: iso(a.createdAt),
    expiresAt: iso(a.expiresAt),
    ...(a.decidedAt ? { decidedAt: iso(a.decidedAt) } : {}),
    ...(status === 'approved' ? { offerId: a.id } : {}),
  };
}

export async function listAuthorizations(ctx: EngineContext, q: z.output<typeof zAuthorizationListQuery>) {
  const now = ctx.clock.now();
  await settleExpiries(() => ctx.stores.authorizations.expireDue(now));
  const { code, ...query } = q;
  const page = await ctx.stores.authorizations.list({ ...query, ...(code ? { shortCode: code } : {}) });
  return {
    data: page.items.map((a) => authorizationSummary(a, now)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

async function existing(ctx: EngineContext, id: string): Promise<AuthorizationRecord> {
  const authorization = await ctx.stores.authorizations.get(parseId(id, 'authorization'));
  if (!authorization) throw notFound('Authorization not found');
  return authorization;
}

function settle(outcome: DecisionOutcome): void {
  if (outcome === 'not_found') throw notFound('Authorization not found');
  if (outcome === 'not_pending') throw conflict('This authorization has already been decided or has expired');
}

/** After a decision: tell the Requests screens, and answer with the authorization as it now is. */
async function decided(ctx: EngineContext, id: string): Promise<AuthorizationSummary> {
  ctx.authorizationChanges.notify();
  // The holder's wait page follows its authorization by id (an approved one's offer has the same id).
  ctx.offerChanges.notify(id);
  return authorizationSummary((await ctx.stores.authorizations.get(id))!, ctx.clock.now());
}

/** POST /v1/openid/authorizations/{id}/approve {claims}: the holder's data, validated as for offers. */
export function approveAuthorization(ctx: EngineContext, id: string, input: unknown, request: RequestInfo): Promise<AuthorizationSummary> {
  return ctx.events.operation('OPENID_AUTHORIZATION_APPROVE', request, { authorizationId: id }, async () => {
    const authorization = await existing(ctx, id);
    const { claims } = parseManagementInput(zApproveAuthorizationRequest, input);
    validateClaims(await resolveConfigurations(ctx, authorization.credentials, 'credentials'), claims, ctx.clock.now());
    const now = ctx.clock.now();
    // DESIGN §9: no code exists yet, so the claims are sealed to the key the holder's code opens.
    if (!authorization.claimsKey) throw conflict('This request has no key to seal the holder’s data to; ask the holder to start again');
    const sealedClaims = await sealToCodeHolder(encodeClaims(claims), authorization.claimsKey, id);
    // One unit of work: the decision and the offer it creates commit together, or neither does.
    const outcome = await ctx.stores.transaction(async (tx) => {
      const decided = await tx.authorizations.decide(id, 'approved', now);
      if (decided === 'done') {
        await tx.offers.insert({
          id,
          kind: 'authorization_code',
          credentials: authorization.credentials,
          createdAt: now,
          expiresAt: now + ctx.settings.authorizationCodeSeconds * 1000,
          codeHash: authorization.codeHash,
          sealedClaims,
        });
      }
      return decided;
    });
    settle(outcome);
    return decided(ctx, id);
  });
}

/** POST /v1/openid/authorizations/{id}/reject: the holder's wallet gets access_denied. */
export function rejectAuthorization(ctx: EngineContext, id: string, request: RequestInfo): Promise<AuthorizationSummary> {
  return ctx.events.operation('OPENID_AUTHORIZATION_REJECT', request, { authorizationId: id }, async () => {
    await existing(ctx, id);
    settle(await ctx.stores.authorizations.decide(id, 'rejected', ctx.clock.now()));
    return decided(ctx, id);
  });
}
