import type { EngineContext } from '../core/context';
import { readiness } from '../core/ops/readiness';
import type { EngineMetrics } from './metrics';
import type { OperationsHandlers } from './route-handler';
import { routeTable } from '../../../shared/routes/route-table';

/** Probes and metrics (DESIGN §13 operations), on the clerk's listener. */
export const operationsHandlers = (ctx: EngineContext, metrics: EngineMetrics): OperationsHandlers => ({
  healthz: () => ({ status: 'ok' }),
  readyz: () => readiness(ctx),
  metrics: async (_call, c) =>
    c.body(await metrics.registry.metrics(), 200, {
      'content-type': routeTable.metrics.response.mediaType,
      'cache-control': 'no-store',
    }),
});
