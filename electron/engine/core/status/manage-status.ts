import type { z } from 'zod';
import { zSetCredentialStatusRequest, type IssuedCredential, type IssuedCredentialList } from '../../../../shared/api/z-credential-status';
import type { zIssuedCredentialQuery } from '../../../../shared/api/z-list-query';
import type { EngineContext, RequestInfo } from '../context';
import { conflict, notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import type { IssuedCredentialView } from '../store';
import { iso } from '../util/clock';

/** What the management API shows of an issued credential: identifiers, dates and status, never a claim value. */
export function issuedCredentialView(credential: IssuedCredentialView, uriOf: (listId: string) => string | undefined): IssuedCredential {
  const uri = credential.statusEntry ? uriOf(credential.statusEntry.listId) : undefined;
  return {
    id: credential.id,
    offerId: credential.offerId,
    ...(credential.userId !== undefined ? { userId: credential.userId } : {}),
    configurationId: credential.configurationId,
    docType: credential.docType,
    issuedAt: iso(credential.issuedAt),
    validUntil: iso(credential.validUntil),
    status: credential.status,
    ...(credential.statusReason ? { statusReason: credential.statusReason } : {}),
    ...(credential.statusChangedAt !== undefined ? { statusChangedAt: iso(credential.statusChangedAt) } : {}),
    ...(credential.statusEntry && uri ? { statusList: { idx: credential.statusEntry.idx, uri } } : {}),
  };
}

async function listUris(ctx: EngineContext): Promise<(listId: string) => string | undefined> {
  const uris = new Map((await ctx.stores.statusLists.list()).map((list) => [list.id, list.uri]));
  return (listId) => uris.get(listId);
}

async function findCredential(ctx: EngineContext, credentialId: string): Promise<IssuedCredentialView> {
  const credential = await ctx.stores.credentials.get(parseId(credentialId, 'credential', 'credentialId'));
  if (!credential) throw notFound('Credential not found');
  return credential;
}

/** GET /v2/credentials/mobile/{credentialId}/status (DESIGN §11). */
export async function getCredentialStatus(ctx: EngineContext, credentialId: string): Promise<{ status: 'valid' | 'invalid' }> {
  return { status: (await findCredential(ctx, credentialId)).status };
}

/**
 * POST /v2/credentials/mobile/{credentialId}/status (DESIGN §11): `invalid` is final (a later `valid`
 * is 409). The list's token is signed again at once, so the next fetch of it shows the change.
 */
export function setCredentialStatus(
  ctx: EngineContext,
  credentialId: string,
  input: unknown,
  request: RequestInfo,
): Promise<{ status: 'valid' | 'invalid' }> {
  const data: Record<string, string> = { credentialId };
  return ctx.events.operation('MOBILE_CREDENTIAL_STATUS_SET', request, data, async () => {
    parseId(credentialId, 'credential', 'credentialId');
    const body = parseManagementInput(zSetCredentialStatusRequest, input);
    data.status = body.status;
    if (body.reason) data.reason = body.reason;
    const outcome = await ctx.stores.credentials.setStatus(credentialId, body.status, body.reason, ctx.clock.now());
    if (outcome === 'not_found') throw notFound('Credential not found');
    if (outcome === 'no_status') throw conflict('This credential was issued without a status list entry; its status cannot be changed');
    if (outcome === 'final') throw conflict('This credential is invalid for good; issue a new one instead');
    if (outcome === 'changed') {
      const credential = await findCredential(ctx, credentialId);
      data.statusListId = credential.statusEntry!.listId;
      await ctx.statusLists.resign(credential.statusEntry!.listId);
    }
    return { status: body.status };
  });
}

/** GET /v2/credentials/mobile/issued (DESIGN §11): newest first, paged. */
export async function listIssuedCredentials(ctx: EngineContext, q: z.output<typeof zIssuedCredentialQuery>): Promise<IssuedCredentialList> {
  const page = await ctx.stores.credentials.list({
    limit: q.limit,
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.offerId ? { offerId: q.offerId } : {}),
    ...(q.offerReference ? { offerIdPrefix: q.offerReference.toLowerCase() } : {}),
    ...(q.issuedFrom ? { issuedFrom: Date.parse(q.issuedFrom) } : {}),
    ...(q.issuedTo ? { issuedTo: Date.parse(q.issuedTo) } : {}),
  });
  const uriOf = await listUris(ctx);
  return { data: page.items.map((c) => issuedCredentialView(c, uriOf)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The credentials issued from one offer, for its summary (DESIGN §11 `issuedCredentials`). */
export async function issuedFromOffer(ctx: EngineContext, offerId: string): Promise<IssuedCredential[]> {
  const page = await ctx.stores.credentials.list({ limit: 100, offerId });
  const uriOf = await listUris(ctx);
  return page.items.map((c) => issuedCredentialView(c, uriOf));
}
