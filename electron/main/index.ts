import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import { chooseKeyProtection } from './key-protection';
import { APP_URL, appSchemePrivileges, serveRenderer } from './app-protocol';
import { enforceCsp } from './content-security-policy';
import { registerCounterIpc } from './ipc-handlers';
import { kioskControl } from './kiosk-control';
import { registerKioskIpc } from './kiosk-ipc';
import { startKiosk, startFailureMessage, type KioskEngine } from './kiosk-engine';
import { tokenSealing } from './key-protection';
import { createKioskWindow, lockDown } from './kiosk-window';
import { allowPermission } from './permissions';

// The Electron kiosk: one window showing the counter UI, the engine in this process (DESIGN §1).

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// electron-vite dev serves the renderer itself; production loads it from app://counter/.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const uiUrl = devUrl ?? APP_URL;
const uiOrigin = new URL(uiUrl).origin;
const isOwnUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === uiOrigin;
  } catch {
    return false;
  }
};

// Scheme and host, not only the origin: app:// is not a special scheme, so its origin is opaque.
const ui = new URL(uiUrl);
const isOwnPage = (url: string): boolean => {
  try {
    const u = new URL(url);
    return u.protocol === ui.protocol && u.host === ui.host;
  } catch {
    return false;
  }
};

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

let engine: KioskEngine | undefined;
let window: BrowserWindow | undefined;

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  const ses = session.defaultSession;
  // The camera for the portrait, for our own UI only (DESIGN §14); nothing else (permissions.ts).
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      allowPermission(
        {
          permission,
          url: details.requestingUrl,
          ...('mediaTypes' in details && details.mediaTypes ? { mediaTypes: details.mediaTypes } : {}),
        },
        isOwnPage,
      ),
    ),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission({ permission, url: requestingOrigin, ...(details.mediaType ? { mediaTypes: [details.mediaType] } : {}) }, isOwnPage),
  );
  if (!devUrl) enforceCsp(ses); // the dev server's hot reload needs inline scripts
  app.on('web-contents-created', (_event, contents) => lockDown(contents, isOwnUrl));
  serveRenderer(protocol, here('../renderer'));

  // After 'ready', as safeStorage needs. The passphrase, if any, is read once and dropped.
  const keyProtection = chooseKeyProtection(process.env, safeStorage, process.platform, (message) => console.warn(`[counter] ${message}`));
  delete process.env.COUNTER_KEY_PASSPHRASE;
  const sealing = tokenSealing(safeStorage, process.platform);
  engine = await startKiosk(process.env, app.getPath('userData'), keyProtection, sealing);
  registerCounterIpc(ipcMain, engine.api, isOwnUrl);
  registerKioskIpc(
    ipcMain,
    kioskControl({
      userDataDir: app.getPath('userData'),
      sealing,
      mode: engine.mode,
      fixedByEnvironment: Boolean(process.env.COUNTER_BRANCH_SERVER_URL),
      restart: () => {
        app.relaunch();
        app.quit();
      },
    }),
    isOwnUrl,
  );
  console.log(engine.mode.mode === 'branch' ? `Counter kiosk on branch server ${engine.url}` : `Counter listening on ${engine.url}`);

  window = createKioskWindow({ preload: here('../preload/index.cjs'), url: uiUrl, kiosk: process.env.COUNTER_KIOSK !== '0' });
  window.on('closed', () => (window = undefined));
}

if (!app.requestSingleInstanceLock()) {
  // A second launch only brings the running kiosk forward (and the data dir has one owner).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !engine) return;
    closing = true;
    event.preventDefault();
    void engine.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Counter could not start', startFailureMessage(error));
      app.exit(1);
    });
}
