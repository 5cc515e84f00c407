import type { EngineContext } from '../core/context';
import { OAuthError } from '../core/errors/oauth-error';
import { STATUS_LIST_CWT_TYPE } from '../core/status/status-list-token';
import type { PublicHandlers } from './route-handler';

type StatusListHandlers = Pick<PublicHandlers, 'statusListDistribution' | 'statusListToken'>;

/** DESIGN §11: the public status list documents, on the wallet-facing listener. */
export const statusListHandlers = (ctx: EngineContext): StatusListHandlers => ({
  statusListDistribution: async () => ({ status_lists: await ctx.statusLists.uris() }),
  statusListToken: async ({ params }, c) => {
    const current = /^[0-9a-f-]{36}$/.test(params.id) ? await ctx.statusLists.token(params.id) : undefined;
    if (!current) throw new OAuthError(404, 'not_found', 'There is no status list with this id');
    // IETF Token Status List §8.2 and §13.4: cached no longer than its ttl, and never past its exp.
    const untilExp = Math.floor((current.token.expiresAt - ctx.clock.now()) / 1000);
    const maxAge = Math.max(0, Math.min(ctx.statusLists.ttlSeconds, untilExp));
    return c.body(new Uint8Array(current.token.bytes), 200, {
      'Content-Type': STATUS_LIST_CWT_TYPE,
      'Cache-Control': `public, max-age=${maxAge}`,
      // §8.1: browser-based verifiers may fetch it too.
      'Access-Control-Allow-Origin': '*',
    });
  },
});
