import { describe, expect, it } from 'vitest';
import type { AuthorizationSummary } from '../api/z-authorization';
import type { AuthorizationsWatchEvent } from '../counter-api';
import { watchAuthorizationsStream } from './watch-authorizations-stream';

const request = (shortCode: string): AuthorizationSummary => ({
  id: `0c9a3f5e-1b2d-4e6f-8a7b-9c0d1e2f${shortCode.padStart(4, '0')}`,
  shortCode,
  credentials: ['mdl'],
  clientId: 'wallet',
  status: 'pending',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T00:10:00.000Z',
});

const sse = (...lists: AuthorizationSummary[][]): string =>
  lists.map((data) => `event: authorizations\ndata: ${JSON.stringify({ data })}\n\n`).join(': heartbeat\n\n');

const stream = (text: string): Response =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );

function run(responses: Array<() => Promise<Response>>): Promise<AuthorizationsWatchEvent[]> {
  const events: AuthorizationsWatchEvent[] = [];
  let opened = 0;
  return new Promise((resolve) => {
    const stop = watchAuthorizationsStream({
      open: () => {
        const next = responses[opened++];
        if (next) return next();
        stop();
        resolve(events);
        return new Promise(() => undefined);
      },
      listener: (event) => {
        events.push(event);
        if (event.type === 'error') resolve(events);
      },
      delays: [0],
      sleep: () => Promise.resolve(),
    });
  });
}

describe('watchAuthorizationsStream', () => {
  it('reports the whole pending list on each event, ignores others, and keeps following after a drop', async () => {
    const events = await run([
      async () =>
        stream(
          `${sse([request('4821')], [request('4821'), request('0007')])}event: status\ndata: {}\n\nevent: authorizations\ndata: not json\n\n`,
        ),
      async () => stream(sse([])),
    ]);
    expect(events).toEqual([
      { type: 'connection', connected: true },
      { type: 'authorizations', authorizations: [request('4821')] },
      { type: 'authorizations', authorizations: [request('4821'), request('0007')] },
      { type: 'connection', connected: false },
      { type: 'connection', connected: true },
      { type: 'authorizations', authorizations: [] },
      { type: 'connection', connected: false },
    ]);
  });

  it('gives up on 403 with the error body', async () => {
    const events = await run([async () => new Response(JSON.stringify({ code: 'Forbidden', message: 'role' }), { status: 403 })]);
    expect(events).toEqual([{ type: 'error', error: { status: 403, code: 'Forbidden', message: 'role' } }]);
  });
});
