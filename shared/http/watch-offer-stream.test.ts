import { describe, expect, it } from 'vitest';
import type { OfferSummary } from '../api/z-pre-authorized-offer';
import type { OfferWatchEvent } from '../counter-api';
import { watchOfferStream } from './watch-offer-stream';

const offer = (status: OfferSummary['status']): OfferSummary => ({
  id: '7f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01',
  credentials: ['mdl'],
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T00:05:00.000Z',
});

const sse = (...summaries: OfferSummary[]): string =>
  summaries.map((s) => `event: status\ndata: ${JSON.stringify(s)}\n\n`).join(': heartbeat\n\n');

function streamResponse(text: string, keepOpen = false): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

function collect(responses: Array<() => Promise<Response>>): {
  events: OfferWatchEvent[];
  done: Promise<void>;
  opened: () => number;
  stop: () => void;
} {
  const events: OfferWatchEvent[] = [];
  let opened = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const stop = watchOfferStream({
    open: () => {
      const next = responses[opened++];
      if (!next) {
        finish();
        return new Promise(() => undefined);
      }
      return next();
    },
    listener: (event) => {
      events.push(event);
      if (
        event.type === 'error' ||
        (event.type === 'status' && ['accepted', 'expired', 'cancelled', 'locked'].includes(event.offer.status))
      )
        finish();
    },
    delays: [0],
    sleep: () => Promise.resolve(),
  });
  return { events, done, opened: () => opened, stop };
}

describe('watchOfferStream', () => {
  it('reports each status and stops after a final one', async () => {
    const run = collect([async () => streamResponse(sse(offer('pending'), offer('token_issued'), offer('claimed'), offer('accepted')))]);
    await run.done;
    expect(run.events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.offer.status)).toEqual([
      'pending',
      'token_issued',
      'claimed',
      'accepted',
    ]);
    expect(run.opened()).toBe(1);
  });

  it('reconnects after a dropped stream or a network error and picks up the current status', async () => {
    const run = collect([
      async () => streamResponse(sse(offer('pending'))),
      () => Promise.reject(new TypeError('fetch failed')),
      async () => new Response('{}', { status: 503 }),
      async () => streamResponse(sse(offer('expired'))),
    ]);
    await run.done;
    expect(run.events).toEqual([
      { type: 'connection', connected: true },
      { type: 'status', offer: offer('pending') },
      { type: 'connection', connected: false },
      { type: 'connection', connected: true },
      { type: 'status', offer: offer('expired') },
    ]);
  });

  it('gives up with the error body on 401', async () => {
    const run = collect([
      async () => new Response(JSON.stringify({ code: 'Unauthorized', message: 'Unknown or revoked API token' }), { status: 401 }),
    ]);
    await run.done;
    expect(run.events).toEqual([{ type: 'error', error: { status: 401, code: 'Unauthorized', message: 'Unknown or revoked API token' } }]);
  });

  it('is silent after unsubscribe', async () => {
    const run = collect([async () => streamResponse(sse(offer('pending')), true)]);
    await new Promise((r) => setTimeout(r, 10));
    run.stop();
    const seen = run.events.length;
    await new Promise((r) => setTimeout(r, 10));
    expect(run.events.length).toBe(seen);
    expect(run.events.at(-1)).toEqual({ type: 'status', offer: offer('pending') });
  });
});
