import type { CounterApi } from '../counter-api';
import type { BridgeOf, BridgeSpec } from './bridge';

// The IPC contract between electron/preload and electron/main (STYLE §6). The renderer sees only
// `window.counter` (a CounterBridge), generated from the two lists below (./bridge.ts); channel
// strings stay between preload and main. A CounterApi method is added here by its name only (its
// arguments' schema goes in ./ipc-args.ts). No runtime imports: the sandboxed preload bundles it.

/** CounterApi methods that stream events until unsubscribed. */
export type WatchMethod = 'watchOffer' | 'watchAuthorizations';
/** CounterApi methods that are one request and one answer. */
export type InvokeMethod = Exclude<keyof CounterApi, WatchMethod>;

export const invokeMethods = [
  'listConfigurations',
  'createOffer',
  'getOffer',
  'listOffers',
  'cancelOffer',
  'extendOffer',
  'listEvents',
  'getSettings',
  'listIacas',
  'listAuthorizations',
  'approveAuthorization',
  'rejectAuthorization',
  'createCodeOffer',
  'listCodeOffers',
  'revokeCodeOffer',
  'whoAmI',
  'signOut',
  'listClerks',
  'createClerk',
  'setClerkPin',
  'removeClerk',
  'pairDisplay',
  'showOnDisplay',
  'clearDisplay',
  'unpairDisplay',
  'listTrustIacas',
  'registerIaca',
  'setIacaActive',
  'listDocumentSigners',
  'createDocumentSigner',
  'installDocumentSignerCertificate',
  'listStatusListSigners',
  'createStatusListSigner',
  'installStatusListSignerCertificate',
  'listIssuedCredentials',
  'setCredentialStatus',
  'getStatusLists',
  'setStatusListSignWith',
  'getWalletPolicy',
  'updateWalletPolicy',
  'listWalletProviders',
  'createWalletProvider',
  'deleteWalletProvider',
] as const satisfies readonly InvokeMethod[];

export const watchMethods = ['watchOffer', 'watchAuthorizations'] as const satisfies readonly WatchMethod[];

// Compile-time checks that the two lists name every CounterApi method.
type MissingInvoke = Exclude<InvokeMethod, (typeof invokeMethods)[number]>;
const _completeInvoke: MissingInvoke extends never ? true : MissingInvoke = true;
type MissingWatch = Exclude<WatchMethod, (typeof watchMethods)[number]>;
const _completeWatch: MissingWatch extends never ? true : MissingWatch = true;

/** The `counter` bridge: channels `counter:<method>`. */
export const counterBridge = { name: 'counter', invoke: invokeMethods, watch: watchMethods } as const satisfies BridgeSpec<CounterApi>;

/** What the preload exposes as `window.counter`. */
export type CounterBridge = BridgeOf<CounterApi, typeof counterBridge>;

export type { IpcResult } from './bridge';
