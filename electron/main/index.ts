import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, type BrowserWindow, type Session } from 'electron';
import { chooseKeyProtection } from './key-protection';
import { APP_URL, appSchemePrivileges, serveRenderer } from './app-protocol';
import { enforceCsp } from './content-security-policy';
import { createCustomerDisplayLink } from './customer-display-link';
import { followScreens, type CustomerDisplay } from './customer-display-window';
import { customerDisplaySetting } from './customer-screen';
import { registerCounterIpc, type TrustedSender } from './ipc-handlers';
import { kioskControl } from './kiosk-control';
import { kioskApi, registerDisplayIpc, registerKioskIpc } from './kiosk-ipc';
import { startKiosk, startFailureMessage, type KioskEngine } from './kiosk-engine';
import { createKioskSession } from './kiosk-session';
import { tokenSealing } from './key-protection';
import { createKioskWindow, lockDown } from './kiosk-window';
import { isOwnUrlOf } from './own-url';
import { allowPermission } from './permissions';

// The Electron kiosk: the clerk's window showing the counter UI, a customer display on a second
// screen when there is one, the engine in this process (DESIGN §1, §8, §14).

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// electron-vite dev serves the renderer itself; production loads it from app://counter/.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const uiUrl = devUrl ?? APP_URL;
const isOwnUrl = isOwnUrlOf(uiUrl);
const log = (message: string) => console.warn(`[counter] ${message}`);

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

let engine: KioskEngine | undefined;
let window: BrowserWindow | undefined;
let customer: CustomerDisplay | undefined;

// IPC is heard from our own UI in the window it is meant for (Electron security checklist §17).
const fromClerkWindow: TrustedSender = (sender) => isOwnUrl(sender.url) && sender.webContentsId === window?.webContents.id;
const fromCustomerWindow: TrustedSender = (sender) => isOwnUrl(sender.url) && sender.webContentsId === customer?.webContentsId();

/** The customer display's session: in memory, nothing shared with the clerk's window, no permission at all. */
function customerSession(): Session {
  const ses = session.fromPartition('counter-customer-display');
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  if (!devUrl) enforceCsp(ses);
  serveRenderer(ses.protocol, here('../renderer'));
  return ses;
}

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
        isOwnUrl,
      ),
    ),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission({ permission, url: requestingOrigin, ...(details.mediaType ? { mediaTypes: [details.mediaType] } : {}) }, isOwnUrl),
  );
  if (!devUrl) enforceCsp(ses); // the dev server's hot reload needs inline scripts
  app.on('web-contents-created', (_event, contents) => lockDown(contents, isOwnUrl));
  serveRenderer(protocol, here('../renderer'));

  // After 'ready', as safeStorage needs. The passphrase, if any, is read once and dropped.
  const keyProtection = chooseKeyProtection(process.env, safeStorage, process.platform, log);
  delete process.env.COUNTER_KEY_PASSPHRASE;
  const sealing = tokenSealing(safeStorage, process.platform);
  engine = await startKiosk(process.env, app.getPath('userData'), keyProtection, sealing);
  const setting = customerDisplaySetting(process.env);

  // Who is at the counter: the kiosk itself, a clerk or IT; the window's API acts as them.
  const kioskSession = createKioskSession(engine.backend);
  const link = createCustomerDisplayLink(kioskSession, engine.backend.displays, log);
  registerCounterIpc(ipcMain, kioskSession.api, fromClerkWindow);
  const control = kioskControl({
    userDataDir: app.getPath('userData'),
    sealing,
    mode: engine.mode,
    fixedByEnvironment: Boolean(process.env.COUNTER_BRANCH_SERVER_URL),
    restart: () => {
      app.relaunch();
      app.quit();
    },
  });
  registerKioskIpc(ipcMain, kioskApi(control, kioskSession, link), fromClerkWindow);
  registerDisplayIpc(ipcMain, link, fromCustomerWindow);
  console.log(engine.mode.mode === 'branch' ? `Counter kiosk on branch server ${engine.url}` : `Counter listening on ${engine.url}`);

  const kiosk = process.env.COUNTER_KIOSK !== '0';
  const clerkWindow = createKioskWindow({ preload: here('../preload/index.cjs'), url: uiUrl, kiosk });
  window = clerkWindow;
  clerkWindow.on('closed', () => (window = undefined));
  customer = followScreens({
    screen,
    clerkWindow,
    preload: here('../preload/index.cjs'),
    url: `${uiUrl}#/display`,
    session: customerSession(),
    setting,
    link,
    kiosk,
  });
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
  // The clerk's window is the app: the customer display alone does not keep it running.
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !engine) return;
    closing = true;
    event.preventDefault();
    const running = engine;
    void (customer?.stop() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => running.close())
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Counter could not start', startFailureMessage(error));
      app.exit(1);
    });
}
