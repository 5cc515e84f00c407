import { BrowserWindow, type Session, type WebContents } from 'electron';
import { CUSTOMER_DISPLAY_ARGUMENT } from '../../shared/ipc/kiosk-channels';
import type { Rect } from './customer-screen';

export interface KioskWindowOptions {
  preload: string;
  url: string;
  /** COUNTER_KIOSK=0 gives an ordinary window (development). */
  kiosk: boolean;
}

/** The clerk's full-screen window (Electron security checklist §2–4: isolation, sandbox, no Node). */
export function createKioskWindow({ preload, url, kiosk }: KioskWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    kiosk,
    fullscreen: kiosk,
    width: 1280,
    height: 800,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'Counter',
    webPreferences: {
      preload, // eng-disable PRELOAD_JS_CHECK: reviewed, a sandboxed preload exposing only the generated `counter` and `counterKiosk` bridges
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click opens links in a new window (which lockDown denies): do not even fire the event.
      disableBlinkFeatures: 'Auxclick',
      devTools: !kiosk,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

export interface CustomerWindowOptions {
  preload: string;
  url: string;
  bounds: Rect;
  /** Its own in-memory session: no storage shared with the clerk's window, every permission refused. */
  session: Session;
  kiosk: boolean;
}

/**
 * The customer-facing display on a second screen (DESIGN §14), hardened like the clerk's window, in
 * a session of its own. It never takes the focus: the keyboard stays with the clerk.
 */
export function createCustomerWindow({ preload, url, bounds, session, kiosk }: CustomerWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...bounds,
    fullscreen: kiosk,
    frame: !kiosk,
    focusable: false,
    skipTaskbar: kiosk,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'Counter – customer display',
    webPreferences: {
      preload, // eng-disable PRELOAD_JS_CHECK: reviewed, the same sandboxed preload, which here exposes only the generated `counterDisplay` bridge
      additionalArguments: [CUSTOMER_DISPLAY_ARGUMENT],
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !kiosk,
    },
  });
  window.once('ready-to-show', () => window.showInactive());
  void window.loadURL(url);
  return window;
}

/** Puts a window on other bounds (a full-screen window leaves full screen to move). */
export function moveWindow(window: BrowserWindow, bounds: Rect): void {
  const full = window.isFullScreen();
  if (full) window.setFullScreen(false);
  window.setBounds(bounds);
  if (full) window.setFullScreen(true);
}

/**
 * Every web contents stays on our own UI (checklist §13–14): no navigation elsewhere, no new
 * windows, no <webview>, and no way out to a system browser from a kiosk.
 */
export function lockDown(contents: WebContents, isOwnUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
