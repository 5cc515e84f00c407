import type { Context } from 'hono';
import type { EngineContext } from '../core/context';
import { displayFor } from '../core/display/displays';
import { displaySource } from '../core/live/live-sources';
import { liveStream } from './live-stream';

/** The customer display's stream, behind the display's own token. */
export async function streamDisplay(ctx: EngineContext, c: Context, id: string, authorization: string | undefined): Promise<Response> {
  const display = displayFor(ctx, id, authorization); // 401 before the stream starts
  return liveStream(c, 'display', await displaySource(ctx, display));
}
