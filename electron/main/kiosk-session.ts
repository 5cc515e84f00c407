import type { CreatedDisplay } from '../../shared/api/z-display';
import type { WhoAmI } from '../../shared/api/z-clerk';
import type { CounterApi, Unsubscribe } from '../../shared/counter-api';
import type { DisplayWatchEvent } from '../../shared/http/display-client';
import { invokeMethods, watchMethods } from '../../shared/ipc/channels';

// Who is signed in at the kiosk (DESIGN §8, §14). The window's `counter` API acts as them; their
// session token, if any, stays in this process. Signed out, it acts as the kiosk itself (which its
// engine may refuse: then the window asks who is at the counter). Pure: runs under plain Node.

/** A sign-in: the API as that person, who they are, and how their session ends. */
export interface SignedIn {
  api: CounterApi;
  who: WhoAmI;
  end(): Promise<void>;
}

/** A customer display of the engine behind the kiosk, and what it shows as that changes (DESIGN §14). */
export interface DisplayBackend {
  create(): Promise<CreatedDisplay>;
  watch(display: Pick<CreatedDisplay, 'id' | 'token'>, listener: (event: DisplayWatchEvent) => void): Unsubscribe;
}

/** The engine behind the kiosk: its own in-process (electron/engine/in-process), or a branch server's over HTTP. */
export interface KioskBackend {
  asKiosk(): CounterApi;
  signInClerk(name: string, pin: string): Promise<SignedIn>;
  signInWithToken(token: string): Promise<SignedIn>;
  displays: DisplayBackend;
}

/** Around a change of who is signed in: `leaving` while the old API still works, `joined` after. */
export type SessionChange = 'leaving' | 'joined';

export interface KioskSession {
  /** The window's API, as whoever is signed in now; its signOut() returns to the kiosk itself. */
  api: CounterApi;
  signInClerk(name: string, pin: string): Promise<WhoAmI>;
  signInWithToken(token: string): Promise<WhoAmI>;
  onChange(listener: (change: SessionChange) => Promise<void> | void): Unsubscribe;
}

export function createKioskSession(backend: Pick<KioskBackend, 'asKiosk' | 'signInClerk' | 'signInWithToken'>): KioskSession {
  const kiosk = backend.asKiosk();
  let signedIn: SignedIn | undefined;
  const listeners = new Set<(change: SessionChange) => Promise<void> | void>();
  const tell = async (change: SessionChange) => {
    // A listener's failure (the customer display, say) never stops a sign-in or sign-out.
    for (const listener of [...listeners]) await Promise.resolve(listener(change)).catch(() => undefined);
  };
  // One change at a time: a sign-in during a sign-out waits for it.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step);
    queue = next.catch(() => undefined);
    return next;
  };
  const switchTo = async (next: SignedIn | undefined) => {
    await tell('leaving');
    const previous = signedIn;
    signedIn = next;
    // The engine forgets the session; it may be gone already (expired, the clerk removed).
    await previous?.end().catch(() => undefined);
    await tell('joined');
  };

  const current = (): CounterApi => signedIn?.api ?? kiosk;
  const api = {} as Record<string, (...args: unknown[]) => unknown>;
  for (const method of [...invokeMethods, ...watchMethods]) {
    api[method] = (...args) => (current()[method] as (...a: unknown[]) => unknown)(...args);
  }
  // Signing out ends the person's session and returns to the kiosk itself.
  api.signOut = () => serially(async () => (signedIn ? switchTo(undefined) : undefined));

  const signIn = (start: () => Promise<SignedIn>) =>
    serially(async () => {
      const next = await start(); // a refusal changes nothing
      await switchTo(next);
      return next.who;
    });
  return {
    api: api as unknown as CounterApi,
    signInClerk: (name, pin) => signIn(() => backend.signInClerk(name, pin)),
    signInWithToken: (token) => signIn(() => backend.signInWithToken(token)),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
