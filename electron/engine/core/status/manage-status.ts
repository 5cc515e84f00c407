import type { z } from 'zod';
import {
  zSetCredentialStatusRequest,
  zUpdateStatusListSettingsRequest,
  type IssuedCredential,
  type IssuedCredentialList,
  type StatusListOverview,
} from '../../../../shared/api/z-credential-status';
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

const WARN_BEFORE_MS = 2 * 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * GET /v1/counter/status-lists: who signs the tokens, each list with when its token was signed and
 * last published, and what needs doing (Settings → Status lists).
 */
export async function statusListOverview(ctx: EngineContext): Promise<StatusListOverview> {
  const now = ctx.clock.now();
  const published = ctx.statusListPublications?.() ?? {};
  const baseUrl = ctx.statusLists.baseUrl;
  const chosen = await ctx.statusLists.chooseSigner(undefined, now);
  const warnings: string[] = [];
  if (!chosen.signer)
    warnings.push('No signer can sign Status List Tokens now: the published tokens expire unless a Document Signer is active.');
  else if (chosen.fallback)
    warnings.push(
      'No status-list signer can sign under the IACA of the Document Signer: the lists are signed with the Document Signer until one is active ' +
        '(Settings → Trust, or POST /v2/credentials/mobile/status-list-signers).',
    );
  const summaries = [];
  for (const list of await ctx.stores.statusLists.list()) {
    if ((await ctx.statusLists.chooseSigner(list.iacaId, now)).fallback === 'current-iaca')
      warnings.push(
        `No signer of the IACA of status list ${list.id} can sign any more: its token is signed under the current IACA, which verifiers of its mDocs must trust too.`,
      );
    const record = published[list.id];
    if (list.token && list.token.expiresAt <= now)
      warnings.push(`The token of status list ${list.id} expired on ${day(list.token.expiresAt)} and could not be signed again.`);
    if (baseUrl && !record) warnings.push(`Status list ${list.id} has not been published to ${baseUrl} yet: run npm run publish.`);
    if (record) {
      const expiresAt = Date.parse(record.expiresAt);
      if (expiresAt <= now)
        warnings.push(`The published token of status list ${list.id} expired on ${record.expiresAt}: publish again now.`);
      else if (expiresAt - now <= WARN_BEFORE_MS)
        warnings.push(`The published token of status list ${list.id} expires on ${record.expiresAt}: publish again before then.`);
    }
    summaries.push({
      id: list.id,
      uri: list.uri,
      iacaId: list.iacaId,
      size: list.size,
      allocated: list.allocated,
      ...(list.token ? { tokenIssuedAt: iso(list.token.issuedAt), tokenExpiresAt: iso(list.token.expiresAt) } : {}),
      ...(record ? { publishedAt: record.publishedAt, publishedTo: record.to, publishedExpiresAt: record.expiresAt } : {}),
    });
  }
  const signer = chosen.signer;
  return {
    signWith: chosen.signWith,
    ...(signer
      ? {
          signer: {
            kind: signer.kind === 'status_list_signer' ? ('status-list-signer' as const) : ('document-signer' as const),
            id: signer.id,
            notAfter: signer.notAfter.toISOString(),
          },
        }
      : {}),
    ...(baseUrl ? { baseUrl } : {}),
    lists: summaries,
    warnings,
  };
}

/** PUT /v1/counter/status-lists `{signWith}` (admins): who signs the tokens; every list is signed again by it at once. */
export function updateStatusListSettings(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<StatusListOverview> {
  const data: Record<string, string> = {};
  return ctx.events.operation('MOBILE_CREDENTIAL_STATUS_LIST_SETTINGS_UPDATE', request, data, async () => {
    const { signWith } = parseManagementInput(zUpdateStatusListSettingsRequest, input);
    data.signWith = signWith;
    await ctx.statusLists.setSignWith(signWith);
    return statusListOverview(ctx);
  });
}
