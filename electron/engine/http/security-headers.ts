import type { MiddlewareHandler } from 'hono';
import { familyOfPath } from '../../../shared/routes/route-paths';
import { HOLDER_CSP } from './holder-page';

// DESIGN §7: the counter UI loads nothing from elsewhere and runs no inline script.
export const UI_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * DESIGN §8: no answer is sniffed or leaks a referrer; every page and file a browser renders gets
 * a content security policy (the holder pages their own, `default-src 'none'` plus what they
 * need) and may not be framed. Chosen by the family of the path, so no route can miss it.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  const type = headers.get('content-type') ?? '';
  const rendered = type.includes('text/html') || (c.req.method === 'GET' && !type.includes('json') && !type.includes('event-stream'));
  if (rendered) {
    headers.set('Content-Security-Policy', familyOfPath(c.req.path) === 'holder' ? HOLDER_CSP : UI_CSP);
    headers.set('X-Frame-Options', 'DENY');
  }
};
