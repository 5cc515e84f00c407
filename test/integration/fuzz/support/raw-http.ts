// Raw HTTP/1.1 over node:http, so that methods, paths, repeated headers and chunked bodies are ours,
// not fetch's.
import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { REQUEST_TIMEOUT_MS } from './constants';
import { underTest } from './server-under-test';

export interface Sent {
  method: string;
  /** Raw request target, sent as is (must match node's /^[\x21-\xff]+$/). */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body as two chunks (Transfer-Encoding: chunked, no Content-Length). */
  chunked?: boolean;
  /**
   * Source address (any of 127/8). The token endpoint throttles failed guesses per client address,
   * so guessing traffic comes from addresses of its own and never slows down the real flows.
   */
  localAddress?: string;
}

export interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Drops the kept-alive connections (before the server is stopped). */
export function closeConnections(): void {
  agent.destroy();
}

export function send(req: Sent): Promise<Received> {
  const { host, port } = underTest();
  return new Promise<Received>((resolve, reject) => {
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    // Framing is explicit: for DELETE, OPTIONS, TRACE… node would otherwise send a body without
    // Content-Length, and the server would rightly read it as the next request.
    const framing: Record<string, string> =
      body === undefined ? {} : req.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
    const r = httpRequest(
      {
        host,
        port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...framing },
        agent,
        signal,
        ...(req.localAddress ? { localAddress: req.localAddress } : {}),
      },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        const done = (text: string) => {
          let json: unknown;
          if (/json/i.test(type) && text !== '') {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        };
        // The live-status stream (…/events) never ends by design: its headers are the answer.
        if (type.includes('text/event-stream')) {
          res.destroy();
          done('');
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
        res.on('error', (error) => reject(new Error(`response broke off for ${describeRequest(req)}: ${error.message}`)));
      },
    );
    r.on('error', (error) =>
      reject(
        new Error(
          signal.aborted
            ? `no response within ${REQUEST_TIMEOUT_MS} ms to ${describeRequest(req)}`
            : `request failed (${error.message}) for ${describeRequest(req)}`,
        ),
      ),
    );
    if (body !== undefined && req.chunked) {
      r.write(body.subarray(0, body.length >> 1));
      r.end(body.subarray(body.length >> 1));
    } else {
      r.end(body);
    }
  });
}

export const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

export function describeRequest(req: Sent): string {
  const body =
    req.body === undefined ? '' : ` body=${clip(Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : JSON.stringify(req.body))}`;
  return `${req.method} ${clip(req.path, 200)} headers=${clip(JSON.stringify(req.headers ?? {}))}${body}${req.chunked ? ' (chunked)' : ''}${req.localAddress ? ` from ${req.localAddress}` : ''}`;
}

export function describeResponse(res: Received): string {
  return `${res.status} ${clip(res.text, 500)}`;
}
