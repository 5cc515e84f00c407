// The page in the holder's phone browser while the clerk decides (DESIGN §4): plain HTML, no
// script, refreshed by the browser itself, readable at arm's length.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1.25rem;background:#fff;color:#111;text-align:center;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 1rem}p{font-size:1.125rem;margin:.75rem 0}
.code{font-size:3.5rem;font-weight:700;letter-spacing:.5rem;margin:1.5rem 0;font-variant-numeric:tabular-nums}
.muted{color:#444;font-size:1rem}`;

function page(title: string, body: string, refreshSeconds?: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export function waitingPage(shortCode: string, minutesLeft: number): string {
  const digits = [...shortCode].map(escape).join(' ');
  return page(
    `Show code ${shortCode} at the counter`,
    `<h1>Show this code at the counter</h1><p class="code" aria-label="${escape(shortCode.split('').join(' '))}">${digits}</p>
<p>The clerk will check your documents and approve your request. This page updates by itself.</p>
<p class="muted">The request expires in about ${minutesLeft} minute${minutesLeft === 1 ? '' : 's'}.</p>`,
    2,
  );
}

export function problemPage(message: string): string {
  return page(
    'Request not accepted',
    `<h1>This request cannot continue</h1><p>${escape(message)}</p><p class="muted">Start again from your wallet app.</p>`,
  );
}
