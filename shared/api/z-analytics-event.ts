import { z } from 'zod';

export const zAnalyticsEvent = z.object({
  id: z.string(),
  type: z.string(),
  category: z.literal('openid'),
  timestamp: z.string(),
  requestId: z.string(),
  requestIp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type AnalyticsEvent = z.infer<typeof zAnalyticsEvent>;

export const zAnalyticsEventList = z.object({ data: z.array(zAnalyticsEvent), nextCursor: z.string().optional() });
export type AnalyticsEventList = z.infer<typeof zAnalyticsEventList>;
