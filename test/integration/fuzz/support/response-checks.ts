// What every answer must look like: never ≥ 500, never a leak, and an error body in its family's
// documented shape: management `{code, message, details?}`, wallet `{error, error_description}`
// (DESIGN §3, §4).
import { MARKER } from './marker';
import { describeRequest, describeResponse, type Received, type Sent } from './raw-http';
import { serverLogTail, underTest } from './server-under-test';

const MANAGEMENT_STATUSES = [200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 429];
const WALLET_STATUSES = [200, 201, 204, 400, 401, 403, 404, 405, 413, 415, 429];

export function fail(message: string, req: Sent, res: Received): never {
  throw new Error(
    `${message}\n  request:  ${describeRequest(req)}\n  response: ${describeResponse(res)}\n  server log (tail):\n${serverLogTail()}`,
  );
}

/** Invariants of every response, whatever the route. */
export function checkCommon(req: Sent, res: Received): void {
  if (res.status >= 500) fail(`status ${res.status} (never ≥ 500)`, req, res);
  if (res.text.includes(MARKER)) fail('the response carries a holder claim value', req, res);
  if (res.text.includes(underTest().server.adminToken)) fail('the response carries the admin token', req, res);
  if (/PRIVATE KEY|root:x:0:0/.test(res.text)) fail('the response carries a private key or a system file', req, res);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isManagementErrorBody(body: unknown): boolean {
  if (!isObject(body) || typeof body.code !== 'string' || typeof body.message !== 'string') return false;
  if (Object.keys(body).some((k) => !['code', 'message', 'details'].includes(k))) return false;
  if (body.details === undefined) return true;
  return (
    Array.isArray(body.details) &&
    body.details.every(
      (d) =>
        isObject(d) &&
        typeof d.msg === 'string' &&
        typeof d.param === 'string' &&
        typeof d.location === 'string' &&
        Object.keys(d).every((k) => ['value', 'msg', 'param', 'location'].includes(k)),
    )
  );
}

export function isOAuthErrorBody(body: unknown): boolean {
  return isObject(body) && typeof body.error === 'string' && typeof body.error_description === 'string' && Object.keys(body).length === 2;
}

/** A management route's answer: documented status, MATTR error shape. */
export function checkManagement(req: Sent, res: Received): void {
  checkCommon(req, res);
  if (!MANAGEMENT_STATUSES.includes(res.status)) fail(`undocumented management status ${res.status}`, req, res);
  if (res.status >= 400 && req.method !== 'HEAD' && !isManagementErrorBody(res.json))
    fail('management error body is not {code, message, details?}', req, res);
}

/** A wallet route's answer: documented status, RFC 6749 error shape. */
export function checkWallet(req: Sent, res: Received): void {
  checkCommon(req, res);
  if (!WALLET_STATUSES.includes(res.status)) fail(`undocumented wallet status ${res.status}`, req, res);
  if (res.status >= 400 && req.method !== 'HEAD' && !isOAuthErrorBody(res.json))
    fail('wallet error body is not {error, error_description}', req, res);
  if (res.status === 429 && res.headers['retry-after'] === undefined) fail('429 without Retry-After', req, res);
}
