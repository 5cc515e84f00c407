import { extname, isAbsolute, relative, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { KIOSK_CSP } from './content-security-policy';

// The UI is served from app://counter/ rather than file:// (Electron security checklist §18):
// a real origin for 'self' in the CSP, and no access to the rest of the file system.
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://counter`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

// standard: relative URLs and an origin; secure: a secure context; corsEnabled: so that Vite's
// <script type="module" crossorigin> loads (same origin, and no CORS headers are ever sent).
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps an app:// URL to a file under `rootDir`, or undefined for anything outside it. */
export function fileFor(rootDir: string, url: string): string | undefined {
  const { host, pathname } = new URL(url);
  if (host !== 'counter') return undefined;
  const path = resolve(rootDir, `.${decodeURIComponent(pathname === '/' ? '/index.html' : pathname)}`);
  const inside = relative(rootDir, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? undefined : path;
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = fileFor(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': KIOSK_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
