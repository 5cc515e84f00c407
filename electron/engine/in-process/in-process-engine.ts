import type { CreatedDisplay } from '../../../shared/api/z-display';
import type { WhoAmI } from '../../../shared/api/z-clerk';
import type { CounterApi, Unsubscribe } from '../../../shared/counter-api';
import type { DisplayWatchEvent } from '../../../shared/http/display-client';
import { counterApiOverRoutes } from '../../../shared/http/http-counter-api';
import { authenticate, authenticateCaller, type Principal } from '../core/auth/api-tokens';
import { whoAmI } from '../core/auth/clerks';
import type { EngineContext } from '../core/context';
import { displayFor } from '../core/display/displays';
import { unauthorized } from '../core/errors/management-error';
import { displaySource, offerStatusSource, pendingAuthorizationsSource } from '../core/live/live-sources';
import type { Logger } from '../http/error-responses';
import { apiError, IN_PROCESS_ADDRESS, inProcessRoutes, type CallerIdentity } from './in-process-routes';
import { watchInProcess } from './in-process-watch';

// The Electron kiosk's way into its own engine (DESIGN §8): the counter API in-process with the
// issuer role, and no API token anywhere. Clerks sign in as themselves through it (DESIGN §14); their
// session token stays in this process. IT signs in with an API token for the admin screens.

/** The kiosk itself, calling its own engine: the issuer role, never admin (DESIGN §3, §8). */
export const KIOSK_PRINCIPAL: Principal = { kind: 'kiosk', id: 'kiosk', name: 'This kiosk', role: 'issuer' };

/** A sign-in at the kiosk: the API as that person, who they are, and how their session ends. */
export interface SignedIn {
  api: CounterApi;
  who: WhoAmI;
  /** Ends a clerk's session on the engine (an API token is left as it is). */
  end(): Promise<void>;
}

export interface InProcessEngine {
  /**
   * The counter API as the kiosk itself. While the engine has clerk accounts it answers 401 (the
   * kiosk then asks who is at the counter); without any (a first start) the kiosk issues as itself.
   */
  asKiosk(): CounterApi;
  /** A clerk's name and PIN (throttled and locked out as over HTTP): the API as that clerk. */
  signInClerk(name: string, pin: string): Promise<SignedIn>;
  /** IT's API token (wrong ones throttled): the API with that token's role. */
  signInWithToken(token: string): Promise<SignedIn>;
  /** The customer display (DESIGN §14): a display of this engine, and its state as it changes. */
  displays: {
    create(): Promise<CreatedDisplay>;
    watch(display: Pick<CreatedDisplay, 'id' | 'token'>, listener: (event: DisplayWatchEvent) => void): Unsubscribe;
  };
}

/** The kiosk's own identity is refused once clerks have accounts: then each clerk signs in (DESIGN §14). */
export async function kioskIdentity(ctx: EngineContext): Promise<Principal> {
  if ((await ctx.stores.clerks.list()).length > 0)
    throw unauthorized('This kiosk has clerk accounts: sign in with your name and PIN (IT: with an API token)');
  return KIOSK_PRINCIPAL;
}

export function createInProcessEngine(ctx: EngineContext, log: Logger): InProcessEngine {
  const apiAs = (identity: CallerIdentity): CounterApi => {
    const routes = inProcessRoutes(ctx, identity, log);
    return counterApiOverRoutes(routes.call, {
      watchOffer: (id, listener) =>
        watchInProcess(
          async () => (await routes.callerFor('watchPreAuthorizedOffer'), offerStatusSource(ctx, id)),
          (offer) => ({ type: 'status' as const, offer }),
          listener,
          log,
        ),
      watchAuthorizations: (listener) =>
        watchInProcess(
          async () => (await routes.callerFor('watchAuthorizations'), pendingAuthorizationsSource(ctx)),
          (list) => ({ type: 'authorizations' as const, authorizations: list.data }),
          listener,
          log,
        ),
    });
  };
  const anonymous = inProcessRoutes(ctx, () => Promise.reject(unauthorized('Sign in first')), log);
  // The bearer of a token, looked up again on every call: a removed clerk or a revoked token stops at once.
  const bearer =
    (token: string): CallerIdentity =>
    () =>
      authenticate(ctx, `Bearer ${token}`);

  return {
    asKiosk: () => apiAs(() => kioskIdentity(ctx)),
    async signInClerk(name, pin) {
      const session = await anonymous.call('signInClerk', { body: { name, pin } });
      const api = apiAs(bearer(session.token));
      return { api, who: await api.whoAmI(), end: () => api.signOut() };
    },
    async signInWithToken(token) {
      let principal: Principal;
      try {
        principal = await authenticateCaller(ctx, `Bearer ${token}`, IN_PROCESS_ADDRESS);
      } catch (error) {
        throw apiError(error, log);
      }
      const api = apiAs(bearer(token));
      return { api, who: whoAmI(principal), end: () => api.signOut() };
    },
    displays: {
      create: () => anonymous.call('createDisplay', {}),
      watch: (display, listener) =>
        watchInProcess(
          async () => displaySource(ctx, displayFor(ctx, display.id, `Bearer ${display.token}`)),
          (state) => ({ type: 'state' as const, state }),
          listener,
          log,
        ),
    },
  };
}
