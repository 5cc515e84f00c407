import { z } from 'zod';
import type { EngineContext, RequestInfo } from '../context';
import { OAuthError } from '../errors/oauth-error';
import type { WalletExchange } from '../wallets/wallet-exchange';
import { guardGuesses } from '../tokens/guess-guard';
import { offerForAccessToken } from './access-token';

// OID4VCI 1.0 §11.1
const zNotification = z.looseObject({
  notification_id: z.string().min(1).max(256),
  event: z.enum(['credential_accepted', 'credential_failure', 'credential_deleted']),
  event_description: z.string().max(1000).optional(),
});

export function receiveNotification(ctx: EngineContext, exchange: WalletExchange, body: unknown, request: RequestInfo): Promise<void> {
  const data: Record<string, string> = {};
  return guardGuesses(ctx, request, () =>
    ctx.events.operation('OPENID_NOTIFICATION', request, data, async () => {
      const { offer } = await offerForAccessToken(ctx, exchange, 'notification', true);
      data.offerId = offer.id;
      const parsed = zNotification.safeParse(body);
      if (!parsed.success) throw new OAuthError(400, 'invalid_notification_request', 'notification_id and a known event are required');
      data.event = parsed.data.event;
      const outcome = await ctx.stores.offers.recordNotification(parsed.data.notification_id, offer.id, parsed.data.event, ctx.clock.now());
      if (outcome === 'unknown') throw new OAuthError(400, 'invalid_notification_id', 'unknown notification_id');
      ctx.offerChanges.notify(offer.id);
    }),
  );
}
