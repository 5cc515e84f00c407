import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'vite';
import { KIOSK_CSP } from '../../../electron/main/content-security-policy';
import { createCustomerDisplayLink, type CustomerDisplayLink } from '../../../electron/main/customer-display-link';
import { registerCounterIpc } from '../../../electron/main/ipc-handlers';
import { kioskControl } from '../../../electron/main/kiosk-control';
import { startKioskEngine, type KioskEngine } from '../../../electron/main/kiosk-engine';
import { kioskApi, registerDisplayIpc, registerKioskIpc } from '../../../electron/main/kiosk-ipc';
import { createKioskSession } from '../../../electron/main/kiosk-session';
import { isOwnUrlOf } from '../../../electron/main/own-url';
import { ipcPair } from '../../support/ipc-pair';

// The Electron kiosk with everything real but Electron: main's IPC handlers, kiosk session and
// customer display link, the engine in-process (startKioskEngine, wallets on a real listener), the
// generated bridges in the page (kiosk-bridge-shim.ts), and the built renderer under the kiosk's
// CSP, in Debian's Chromium. Playwright bindings carry the IPC messages (structured-cloned).

export const KIOSK_UI = 'http://localhost:1/index.html';
const RENDERER = resolve('out/renderer');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function shim(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve('test/e2e/support/kiosk-bridge-shim.ts'), formats: ['iife'], name: 'kioskBridgeShim' },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  return chunks.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
}

export interface KioskInChromium {
  engine: KioskEngine;
  adminToken: string;
  link: CustomerDisplayLink;
  /** The clerk's window, or the customer display's (main opens it when a second screen is there). */
  open(kind: 'clerk' | 'display'): Promise<Page>;
  close(): Promise<void>;
}

export async function kioskInChromium(context: BrowserContext): Promise<KioskInChromium> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-kiosk-chromium-'));
  const adminToken = 'kiosk-in-chromium-admin-token-of-32-or-more-chars';
  const engine = await startKioskEngine({ COUNTER_PORT: '0', COUNTER_ADMIN_TOKEN: adminToken }, dir);
  const session = createKioskSession(engine.backend);
  const link = createCustomerDisplayLink(session, engine.backend.displays, () => {});
  const pair = ipcPair();
  const own = isOwnUrlOf(KIOSK_UI);
  const ids = { clerk: -1, display: -1 };
  const from = (kind: keyof typeof ids) => (sender: { url: string; webContentsId: number }) =>
    own(sender.url) && sender.webContentsId === ids[kind];
  registerCounterIpc(pair.main, session.api, from('clerk'));
  const control = kioskControl({
    userDataDir: dir,
    sealing: undefined,
    mode: { mode: 'embedded' },
    fixedByEnvironment: false,
    restart: () => {},
  });
  registerKioskIpc(pair.main, kioskApi(control, session, link), from('clerk'));
  registerDisplayIpc(pair.main, link, from('display'));

  const script = await shim();
  await context.route('http://localhost:1/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(RENDERER, path === '/' ? 'index.html' : path);
    if (!file.startsWith(RENDERER)) return route.fulfill({ status: 404 });
    try {
      await route.fulfill({
        body: readFileSync(file),
        headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': KIOSK_CSP },
      });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });

  return {
    engine,
    adminToken,
    link,
    async open(kind) {
      const url = kind === 'display' ? `${KIOSK_UI}#/display` : KIOSK_UI;
      const ipcWindow = pair.window(url);
      ids[kind] = ipcWindow.webContentsId;
      const page = await context.newPage();
      await page.exposeBinding('__kioskInvoke', (_source, channel: string, args: unknown[]) => ipcWindow.invoke(channel, ...args));
      await page.exposeBinding('__kioskListen', (_source, channel: string) =>
        ipcWindow.on(channel, (message) => {
          void page
            .evaluate(([c, m]) => (window as unknown as { __kioskDeliver(c: string, m: unknown): void }).__kioskDeliver(c, m), [
              channel,
              message,
            ] as const)
            .catch(() => undefined);
        }),
      );
      await page.addInitScript({ content: `window.__kioskWindow = ${JSON.stringify(kind)};\n${script}` });
      page.on('close', () => ipcWindow.close());
      await page.goto(url);
      return page;
    },
    async close() {
      await link.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
