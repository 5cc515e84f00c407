import type { BrowserWindow, Display, Screen, Session } from 'electron';
import type { CustomerDisplayLink } from './customer-display-link';
import { customerScreen, nextCustomerWindowStep, type CustomerDisplaySetting, type ScreenInfo } from './customer-screen';
import { createCustomerWindow, moveWindow } from './kiosk-window';

// The Electron side of the customer display (DESIGN §14), kept thin: read the screens, ask
// customer-screen.ts what to do, do it. The link pairs and feeds whatever window is up.

export interface CustomerDisplayOptions {
  screen: Pick<Screen, 'getAllDisplays' | 'getDisplayMatching' | 'on' | 'off'>;
  clerkWindow: BrowserWindow;
  preload: string;
  url: string;
  session: Session;
  setting: CustomerDisplaySetting;
  link: CustomerDisplayLink;
  kiosk: boolean;
}

export interface CustomerDisplay {
  /** The customer window's web contents, the only sender its IPC hears. */
  webContentsId(): number | undefined;
  stop(): Promise<void>;
}

const info = (display: Display): ScreenInfo => ({ id: display.id, bounds: display.bounds, internal: display.internal });

/** Opens, moves and closes the customer window as screens are added, removed or changed. */
export function followScreens(options: CustomerDisplayOptions): CustomerDisplay {
  let window: BrowserWindow | undefined;
  let shownOn: ScreenInfo | undefined;

  const apply = () => {
    if (options.clerkWindow.isDestroyed()) return;
    const clerkScreen = options.screen.getDisplayMatching(options.clerkWindow.getBounds()).id;
    const step = nextCustomerWindowStep(shownOn, customerScreen(options.screen.getAllDisplays().map(info), clerkScreen, options.setting));
    if (step.step === 'open') {
      shownOn = step.screen;
      const { preload, url, session, kiosk } = options;
      const opened = createCustomerWindow({ preload, url, session, kiosk, bounds: step.screen.bounds });
      window = opened;
      opened.on('closed', () => {
        if (window !== opened) return;
        window = undefined;
        shownOn = undefined;
        void options.link.close();
      });
      void options.link.open();
    } else if (step.step === 'move' && window) {
      shownOn = step.screen;
      moveWindow(window, step.screen.bounds);
    } else if (step.step === 'close') {
      window?.close();
    }
  };

  const events = ['display-added', 'display-removed', 'display-metrics-changed'] as const;
  for (const event of events) options.screen.on(event as 'display-added', apply);
  // The clerk may drag their window onto the customer's screen (kiosk mode off).
  options.clerkWindow.on('moved', apply);
  apply();

  return {
    webContentsId: () => (window && !window.isDestroyed() ? window.webContents.id : undefined),
    async stop() {
      for (const event of events) options.screen.off(event as 'display-added', apply);
      const closing = window;
      window = undefined;
      if (closing && !closing.isDestroyed()) closing.close();
      await options.link.close();
    },
  };
}
