import { BrowserWindow, type WebContents } from 'electron';

export interface KioskWindowOptions {
  preload: string;
  url: string;
  /** COUNTER_KIOSK=0 gives an ordinary window (development). */
  kiosk: boolean;
}

/** The one full-screen window (Electron security checklist §2–4: isolation, sandbox, no Node). */
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
      preload, // eng-disable PRELOAD_JS_CHECK: reviewed, a sandboxed preload exposing only the typed `counter` bridge
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
