import { createHash } from 'node:crypto';
import type { HolderProblem, HolderText } from './holder-text';

// The pages in the holder's phone browser while the clerk decides (DESIGN §4, §8): plain HTML
// readable at arm's length, one small script that follows the request's live status, and a
// policy that allows nothing else.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1.25rem;background:#fff;color:#111;text-align:center;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 1rem}p{font-size:1.125rem;margin:.75rem 0}
.code{font-size:3.5rem;font-weight:700;letter-spacing:.5rem;margin:1.5rem 0;font-variant-numeric:tabular-nums}
.muted{color:#444;font-size:1rem}`;

/**
 * Follows the wait page's event stream (same origin, `connect-src 'self'`): the time left as it
 * changes, and once the clerk has decided, loads the page again, which then sends the browser
 * back to the wallet (the code never travels in the stream).
 */
const SCRIPT = `(function(){var left=document.getElementById('left');var s=new EventSource(location.pathname+'/events');
s.addEventListener('status',function(m){var d=JSON.parse(m.data);if(d.decided){s.close();location.reload();}else if(left&&d.expires){left.textContent=d.expires;}});})();`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** DESIGN §8: `default-src 'none'` plus only what the holder pages need: their style, their one script by hash, their stream. */
export const HOLDER_CSP = [
  "default-src 'none'",
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SCRIPT)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(t: HolderText, title: string, body: string, script = false): string {
  return `<!doctype html><html lang="${t.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script ? `<script>${SCRIPT}</script>` : ''}</body></html>`;
}

export function waitingPage(t: HolderText, shortCode: string, minutesLeft: number): string {
  const digits = [...shortCode].map(escape).join(' ');
  return page(
    t,
    t.waitTitle(shortCode),
    `<h1>${escape(t.waitHeading)}</h1><p class="code" aria-label="${escape(shortCode.split('').join(' '))}">${digits}</p>
<p>${escape(t.waitBody)}</p>
<p class="muted" id="left" aria-live="polite">${escape(t.expiresIn(minutesLeft))}</p>
<noscript><p><a href="">${escape(t.checkAgain)}</a></p></noscript>`,
    true,
  );
}

/** A refusal in the holder's words; `detail` (the protocol's own, English) follows for whoever supports the wallet app. */
export function problemPage(t: HolderText, problem: HolderProblem, detail?: string): string {
  const technical = detail ? `<p class="muted">${escape(t.technicalDetail)}: ${escape(detail)}</p>` : '';
  return page(
    t,
    t.problemTitle,
    `<h1>${escape(t.problemHeading)}</h1><p>${escape(t.problems[problem])}</p>${technical}<p class="muted">${escape(t.startAgain)}</p>`,
  );
}
