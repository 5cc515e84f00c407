import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { followLive, type LiveSource } from '../core/live/live-value';

/**
 * Server-sent events of one value (HTML Living Standard §9.2): sent as `event`, at once and then
 * whenever it changes, with comment heartbeats between; closed after a final value or when the
 * client goes away.
 */
export function liveStream<T>(c: Context, event: string, source: LiveSource<T>): Response {
  const response = streamSSE(c, (stream) =>
    followLive(source, {
      send: (value) => stream.writeSSE({ event, data: JSON.stringify(value) }),
      unchanged: () => stream.write(': keep-alive\n\n').then(() => undefined),
      stopped: () => stream.aborted,
      onStop: (stop) => stream.onAbort(stop),
    }),
  );
  // streamSSE says no-cache; a live status is never to be stored at all.
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
