import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EngineContext } from '../core/context';
import { listAuthorizations } from '../core/authorization/decide-authorization';

const REFRESH_MS = 15_000;

/** The pending authorizations as server-sent events: at once, then on every change (and every 15 s, for expiries). */
export function streamPendingAuthorizations(ctx: EngineContext, c: Context): Response {
  c.header('Cache-Control', 'no-store');
  return streamSSE(c, async (stream) => {
    let wake: () => void = () => {};
    const unsubscribe = ctx.authorizationChanges.subscribe(() => wake());
    stream.onAbort(() => wake());
    try {
      let last = '';
      while (!stream.aborted) {
        const json = JSON.stringify(await listAuthorizations(ctx, { status: 'pending', limit: '100' }));
        if (json !== last) {
          await stream.writeSSE({ event: 'authorizations', data: json });
          last = json;
        } else {
          await stream.write(': keep-alive\n\n');
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, REFRESH_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      unsubscribe();
    }
  });
}
