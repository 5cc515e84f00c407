// A text/event-stream reader (HTML Living Standard §9.2.6) for fetch bodies: EventSource cannot send
// an Authorization header, so the live offer status is read with fetch + ReadableStream instead.

export interface StreamMessage {
  event: string;
  data: string;
  id?: string;
}

/** Feeds decoded text in arbitrary chunks; calls `onMessage` for each complete message. */
export function createEventStreamParser(onMessage: (message: StreamMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;

  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // comment: a heartbeat
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };

  return (chunk) => {
    buffer += chunk;
    // A lone trailing \r may be the first half of \r\n: keep it for the next chunk.
    const pattern = /\r\n|\r(?!$)|\n/g;
    let start = 0;
    for (let match = pattern.exec(buffer); match; match = pattern.exec(buffer)) {
      line(buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    buffer = buffer.slice(start);
  };
}

/** Reads a response body to its end (or until `signal` aborts), calling `onMessage` per message. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: StreamMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const push = createEventStreamParser(onMessage);
  const abort = (): void => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      push(decoder.decode(value, { stream: true }));
    }
  } finally {
    signal.removeEventListener('abort', abort);
    reader.releaseLock();
  }
}
