import {
  zUpdateStatusListSettingsRequest,
  type StatusListOverview,
  type StatusListWarning,
} from '../../../../shared/api/z-credential-status';
import type { EngineContext, RequestInfo } from '../context';
import { parseManagementInput } from '../errors/parse-input';
import { iso } from '../util/clock';

/** A published token this close to its exp is worth a warning (DESIGN §11: publish again before it lapses). */
const WARN_BEFORE_MS = 2 * 86_400_000;

const warning = (code: StatusListWarning['code'], message: string, more: Omit<StatusListWarning, 'code' | 'message'> = {}) => ({
  code,
  message,
  ...more,
});

/**
 * GET /v1/counter/status-lists: who signs the tokens, each list with when its token was signed and
 * last published, and what needs doing (Settings → Status lists), each warning by code for the UI.
 */
export async function statusListOverview(ctx: EngineContext): Promise<StatusListOverview> {
  const now = ctx.clock.now();
  const published = ctx.statusListPublications?.() ?? {};
  const baseUrl = ctx.statusLists.baseUrl;
  const chosen = await ctx.statusLists.chooseSigner(undefined, now);
  const warnings: StatusListWarning[] = [];
  if (!chosen.signer)
    warnings.push(
      warning('NoSigner', 'No signer can sign Status List Tokens now: the published tokens expire unless a Document Signer is active.'),
    );
  else if (chosen.fallback)
    warnings.push(
      warning(
        'DocumentSignerSigns',
        'No status-list signer can sign under the IACA of the Document Signer: the lists are signed with the Document Signer until one is ' +
          'active (Settings → Trust, or POST /v2/credentials/mobile/status-list-signers).',
      ),
    );
  const lists = [];
  for (const list of await ctx.stores.statusLists.list()) {
    const listId = list.id;
    if ((await ctx.statusLists.chooseSigner(list.iacaId, now)).fallback === 'current-iaca')
      warnings.push(
        warning(
          'OtherIacaSigns',
          `No signer of the IACA of status list ${listId} can sign any more: its token is signed under the current IACA, which verifiers of its mDocs must trust too.`,
          { listId },
        ),
      );
    if (list.token && list.token.expiresAt <= now) {
      const date = iso(list.token.expiresAt);
      warnings.push(
        warning('TokenExpired', `The token of status list ${listId} expired on ${date} and could not be signed again.`, { listId, date }),
      );
    }
    const record = published[listId];
    if (baseUrl && !record)
      warnings.push(
        warning('NotPublished', `Status list ${listId} has not been published to ${baseUrl} yet: run npm run publish.`, { listId }),
      );
    if (record) {
      const date = record.expiresAt;
      const left = Date.parse(date) - now;
      if (left <= 0)
        warnings.push(
          warning('PublishedExpired', `The published token of status list ${listId} expired on ${date}: publish again now.`, {
            listId,
            date,
          }),
        );
      else if (left <= WARN_BEFORE_MS)
        warnings.push(
          warning('PublishedExpiring', `The published token of status list ${listId} expires on ${date}: publish again before then.`, {
            listId,
            date,
          }),
        );
    }
    lists.push({
      id: listId,
      uri: list.uri,
      iacaId: list.iacaId,
      size: list.size,
      allocated: list.allocated,
      ...(list.token ? { tokenIssuedAt: iso(list.token.issuedAt), tokenExpiresAt: iso(list.token.expiresAt) } : {}),
      ...(record ? { publishedAt: record.publishedAt, publishedTo: record.to, publishedExpiresAt: record.expiresAt } : {}),
    });
  }
  const { signer } = chosen;
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
    lists,
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
