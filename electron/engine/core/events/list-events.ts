import { z } from 'zod';
import { listQuery } from '../lists/page-query';
import type { AnalyticsEventList } from '../../../../shared/api/z-analytics-event';
import type { EngineContext } from '../context';
import { parseManagementInput } from '../errors/parse-input';
import { iso } from '../util/clock';

const zQuery = listQuery({ type: z.string().min(1).max(100).optional() });

/** GET /v1/analytics/events, newest first. */
export async function listEvents(ctx: EngineContext, query: Record<string, string>): Promise<AnalyticsEventList> {
  const q = parseManagementInput(zQuery, query, 'query');
  const page = await ctx.stores.events.list(q);
  return {
    data: page.items.map((e) => ({ ...e, category: 'openid' as const, timestamp: iso(e.timestamp) })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
