import { describe, expect, it } from 'vitest';
import { createEventStreamParser, readEventStream, type StreamMessage } from './event-stream';

function parseAll(chunks: string[]): StreamMessage[] {
  const messages: StreamMessage[] = [];
  const push = createEventStreamParser((m) => messages.push(m));
  chunks.forEach(push);
  return messages;
}

describe('createEventStreamParser', () => {
  it('reads named events, skips heartbeats, joins data lines', () => {
    expect(parseAll([': hi\n\nevent: status\ndata: {"a":1}\n\n', 'data: x\ndata: y\n\n'])).toEqual([
      { event: 'status', data: '{"a":1}' },
      { event: 'message', data: 'x\ny' },
    ]);
  });

  it('copes with messages split anywhere, including between \\r and \\n', () => {
    const text = 'event: status\r\ndata: one\r\n\r\nevent: status\r\ndata: two\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseAll([text.slice(0, cut), text.slice(cut)]).map((m) => m.data)).toEqual(['one', 'two']);
    }
  });

  it('does not dispatch an unfinished message', () => {
    expect(parseAll(['event: status\ndata: partial\n'])).toEqual([]);
  });
});

describe('readEventStream', () => {
  it('reads a byte stream to its end', async () => {
    const bytes = new TextEncoder().encode('event: status\ndata: é\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split inside the two-byte é to prove streaming decode.
        const cut = bytes.indexOf(0xc3) + 1;
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut));
        controller.close();
      },
    });
    const messages: StreamMessage[] = [];
    await readEventStream(body, (m) => messages.push(m), new AbortController().signal);
    expect(messages).toEqual([{ event: 'status', data: 'é' }]);
  });
});
