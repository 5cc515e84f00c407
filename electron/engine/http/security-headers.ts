import type { MiddlewareHandler } from 'hono';

// DESIGN §7: the counter UI loads nothing from elsewhere and runs no inline script.
export const UI_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Every page and file for a browser gets a content security policy and no sniffing or referrer. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.method === 'GET' && !c.res.headers.get('content-type')?.includes('json')) {
    c.res.headers.set('Content-Security-Policy', UI_CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  }
};
