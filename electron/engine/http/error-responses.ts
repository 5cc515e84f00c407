import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ManagementError } from '../core/errors/management-error';
import { OAuthError } from '../core/errors/oauth-error';
import { InvalidCursorError, StorageUnavailableError } from '../core/store-errors';
import { errorShapeOfPath } from '../../../shared/routes/route-paths';

export type Logger = (message: string, error?: unknown) => void;

// The two error families (STYLE §4), each translated here and nowhere else.

/** Any error of any route, in the shape of the family its path belongs to (the route table decides). */
export function errorResponse(error: unknown, c: Context, log: Logger): Response {
  return errorShapeOfPath(c.req.path) === 'management' ? managementErrorResponse(error, c, log) : oauthErrorResponse(error, c, log);
}

/** No route for this method and path: 405 for a wallet endpoint asked with another method, else 404. */
export function noRouteResponse(c: Context, log: Logger, wrongMethod: boolean): Response {
  if (errorShapeOfPath(c.req.path) === 'management')
    return managementErrorResponse(new ManagementError(404, 'NotFound', 'No such endpoint'), c, log);
  const error = wrongMethod
    ? new OAuthError(405, 'invalid_request', 'Method not allowed on this endpoint')
    : new OAuthError(404, 'not_found', 'No such endpoint');
  return oauthErrorResponse(error, c, log);
}

/** Management API: MATTR's `{code, message, details}`. */
export function managementErrorResponse(error: unknown, c: Context, log: Logger): Response {
  const e = toManagementError(error, log);
  const body = { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  for (const [name, value] of Object.entries(e.headers)) c.header(name, value);
  return c.json(body, e.status);
}

/** Wallet-facing endpoints: RFC 6749 `{error, error_description}`. */
export function oauthErrorResponse(error: unknown, c: Context, log: Logger): Response {
  const e = toOAuthError(error, log);
  for (const [name, value] of Object.entries(e.headers)) c.header(name, value);
  c.header('Cache-Control', 'no-store');
  return c.json({ error: e.error, error_description: e.description }, e.status);
}

/** Any error as the management family's error (also for the Electron kiosk's in-process calls). */
export function toManagementError(error: unknown, log: Logger): ManagementError {
  if (error instanceof ManagementError) return error;
  if (error instanceof InvalidCursorError)
    return new ManagementError(400, 'BadRequest', 'Invalid cursor', [
      { value: error.cursor, msg: error.message, param: 'cursor', location: 'query' },
    ]);
  if (error instanceof StorageUnavailableError) {
    log('management request refused: storage unavailable', error);
    return new ManagementError(503, 'StorageUnavailable', `${error.message}; the request was not completed`);
  }
  if (error instanceof OAuthError)
    return new ManagementError(error.status === 405 ? 400 : (error.status as ManagementError['status']), 'BadRequest', error.description);
  if (error instanceof HTTPException && error.status < 500)
    return new ManagementError(error.status as ManagementError['status'], 'BadRequest', error.message || 'Bad request');
  log('management request failed', error);
  return new ManagementError(500, 'InternalServerError', 'Something went wrong on the issuer; the request was not completed');
}

function toOAuthError(error: unknown, log: Logger): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof InvalidCursorError) return new OAuthError(400, 'invalid_request', 'Invalid cursor');
  if (error instanceof StorageUnavailableError) {
    log('wallet request refused: storage unavailable', error);
    return new OAuthError(503, 'temporarily_unavailable', `${error.message}; try again later`);
  }
  if (error instanceof ManagementError && error.status < 500) return new OAuthError(error.status, 'invalid_request', error.message);
  if (error instanceof HTTPException && error.status < 500)
    return new OAuthError(error.status as OAuthError['status'], 'invalid_request', error.message || 'Bad request');
  log('wallet request failed', error);
  return new OAuthError(500, 'server_error', 'The issuer could not complete the request');
}

/** The body of a request refused before routing (malformed URL, framing, headers), in its path's family. */
export function refusalBody(path: string, message: string): string {
  return JSON.stringify(
    errorShapeOfPath(path) === 'management' ? { code: 'BadRequest', message } : { error: 'invalid_request', error_description: message },
  );
}
