import type { Session } from 'electron';

/**
 * The kiosk window's policy: the engine's UI policy (UI_CSP in electron/engine/http/security-headers.ts), with
 * connect-src 'none' because in Electron the UI reaches the engine only through IPC.
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the policy to every response the session loads (Electron security checklist §7). */
export function enforceCsp(session: Pick<Session, 'webRequest'>, policy = KIOSK_CSP): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    // The policy is KIOSK_CSP; electronegativity cannot evaluate a variable, hence its "failed to parse" note.
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } }); // eng-disable CSP_GLOBAL_CHECK
  });
}
