import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { badRequest, ManagementError } from '../core/errors/management-error';
import { invalidRequest, OAuthError } from '../core/errors/oauth-error';
import type { RequestInfo } from '../core/context';
import type { AppEnv } from './app-env';

export const MAX_BODY_BYTES = 500 * 1024;

/** requestId and the client's address, for analytics events. */
export function requestInfo(c: Context<AppEnv>): RequestInfo {
  let requestIp = 'unknown';
  try {
    requestIp = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in unit tests has no socket
  }
  return { requestId: c.get('requestId'), requestIp };
}

async function readText(c: Context, tooLarge: () => Error): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

const isJson = (c: Context) => /^application\/([a-z.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? '');

/** A management JSON body: 415 for another media type, 400 for bad JSON, 413 past 500 KB. */
export async function managementJson(c: Context): Promise<unknown> {
  if (!isJson(c)) throw new ManagementError(415, 'UnsupportedMediaType', 'Send the body as application/json');
  const text = await readText(c, () => new ManagementError(413, 'PayloadTooLarge', 'The request body is larger than 500 KB'));
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
}

const oauthTooLarge = () => new OAuthError(413, 'invalid_request', 'The request body is larger than 500 KB');

/** A wallet JSON body (credential, notification). */
export async function walletJson(c: Context): Promise<unknown> {
  if (!isJson(c)) throw new OAuthError(415, 'invalid_request', 'Send the body as application/json');
  const text = await readText(c, oauthTooLarge);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('The request body is not valid JSON');
  }
}

/** RFC 6749 §3.2: token requests are application/x-www-form-urlencoded; a repeated parameter is an error. */
export async function walletForm(c: Context): Promise<Record<string, string>> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) {
    throw new OAuthError(415, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded');
  }
  const params = new URLSearchParams(await readText(c, oauthTooLarge));
  const form: Record<string, string> = Object.create(null);
  for (const [key, value] of params) {
    if (Object.hasOwn(form, key)) throw invalidRequest(`parameter ${key} is repeated`);
    form[key] = value;
  }
  return form;
}
