import type { z } from 'zod';
import type { zEventListQuery } from '../../../../shared/api/z-list-query';
import type { AnalyticsEventList } from '../../../../shared/api/z-analytics-event';
import type { EngineContext } from '../context';
import { iso } from '../util/clock';

/** GET /v1/analytics/events, newest first. */
export async function listEvents(ctx: EngineContext, q: z.output<typeof zEventListQuery>): Promise<AnalyticsEventList> {
  const page = await ctx.stores.events.list(q);
  return {
    data: page.items.map((e) => ({ ...e, category: 'openid' as const, timestamp: iso(e.timestamp) })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
