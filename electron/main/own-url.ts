// Which URLs are the kiosk's own UI (navigation lock-down, IPC senders, permissions). Not by
// origin: app:// is registered as a standard scheme for Chromium, but to the WHATWG URL parser
// Node uses it is not a special scheme, so `new URL('app://anything/').origin` is 'null' for every
// host, and an origin comparison would take any app:// URL for ours. Scheme and host instead.

/** A test for "is this URL on the same scheme and host (port included) as `uiUrl`". */
export function isOwnUrlOf(uiUrl: string): (url: string) => boolean {
  const ui = new URL(uiUrl);
  return (url) => {
    try {
      const u = new URL(url);
      return u.protocol === ui.protocol && u.host === ui.host && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  };
}
