import type { DisplayRegistry } from './display/display-registry';
import type { Clock } from './util/clock';
import type { RandomSource } from './util/secrets';
import type { Stores } from './store';
import type { EventLog } from './events/event-log';
import type { OfferChanges } from './offers/offer-changes';
import type { Changes } from './offers/offer-changes';
import type { FailureThrottle } from './tokens/failure-throttle';
import type { TrustService } from './trust/trust-service';
import type { StatusLists } from './status/status-lists';
import type { WalletTrust } from './wallets/wallet-trust';
import type { MetadataSigning } from './metadata/metadata-signing';

/** Tunables with their defaults (DESIGN §3–4). */
export interface EngineSettings {
  /** `credential_issuer`: the public URL wallets reach us at, no trailing slash. */
  credentialIssuer: string;
  defaultOfferSeconds: number;
  maxOfferSeconds: number;
  accessTokenSeconds: number;
  nonceSeconds: number;
  /** How old (or how far in the future) a proof's `iat` may be. */
  proofMaxAgeSeconds: number;
  maxTxCodeStrikes: number;
  displayName: string;
  /** How long a holder's authorization waits for the clerk (DESIGN §4). */
  authorizationSeconds: number;
  /** How long an approved authorization's code may wait for the token request. */
  authorizationCodeSeconds: number;
  /** RFC 9126 §2.2: a pushed request_uri's lifetime. */
  pushedRequestSeconds: number;
  /** Failed guesses at the token endpoint allowed per client address per minute. */
  tokenFailuresPerMinute: number;
  /** DESIGN §9: days an ended offer or authorization is kept before it is deleted. */
  endedRetentionDays: number;
  /** DESIGN §9: days an analytics event is kept. */
  eventRetentionDays: number;
  /** DESIGN §14: wrong clerk PINs allowed per client address per minute (then 429). */
  pinFailuresPerMinute: number;
  /** Wrong PINs in a row that lock a clerk, and for how long. */
  maxPinFailures: number;
  pinLockSeconds: number;
  /** How long a clerk's sign-in lasts at most (a shift); the counter UI locks itself sooner when idle. */
  clerkSessionSeconds: number;
  /** DESIGN §8: authorization and PAR requests per client address per minute. */
  authorizeRequestsPerMinute: number;
  /** DESIGN §8: wrong management API tokens per client address per minute. */
  managementFailuresPerMinute: number;
  /** DESIGN §8: pending authorization requests (and, apart, pushed requests) per client address… */
  pendingPerAddress: number;
  /** …and in all. */
  pendingTotal: number;
  /** DESIGN §8: redirect URIs a protocol error found before the clerk decides may go back to. */
  trustedRedirectUris: string[];
  /** The one country setting (ISO 3166-1 alpha-2): a new managed IACA's countryName (DESIGN §10). */
  country: string;
}

/** Everything a use case needs, handed in by createEngine (STYLE §2: no module singletons). */
export interface EngineContext {
  settings: EngineSettings;
  stores: Stores;
  clock: Clock;
  random: RandomSource;
  /** IACAs, signers and their keys (DESIGN §10); the core signs only through it. */
  trust: TrustService;
  events: EventLog;
  offerChanges: OfferChanges;
  /** Signals that the set of holder authorizations changed (the clerk's Requests screen listens). */
  authorizationChanges: Changes;
  tokenThrottle: FailureThrottle;
  /** DESIGN §11: status list entries for new mDocs and the lists' signed tokens. */
  statusLists: StatusLists;
  /** What `npm run publish` last published of each list (read from the data dir), for the Settings screen. */
  statusListPublications?: () => Record<string, { publishedAt: string; to: string; issuedAt: string; expiresAt: string }>;
  /** The wallet policy, trusted wallet providers and DPoP nonces (DESIGN §12). */
  walletTrust: WalletTrust;
  /** Signs the issuer metadata with the imported or the kiosk's own metadata signing key (DESIGN §12). */
  metadataSigning: MetadataSigning;
  /** The TLS certificate phones are served now, when the host speaks TLS (deployment warnings). */
  tlsCertificate?: () => { notAfter: Date } | undefined;
  /** Customer displays and what they show (DESIGN §14), in memory. */
  displays: DisplayRegistry;
  /** Wrong clerk PINs per client address (DESIGN §14). */
  pinThrottle: FailureThrottle;
  /** Authorization and PAR requests, per client address (DESIGN §8). */
  authorizeThrottle: FailureThrottle;
  /** Wrong management API tokens, per client address (DESIGN §8). */
  managementThrottle: FailureThrottle;
}

/** Who made the request; carried into analytics events. */
export interface RequestInfo {
  requestId: string;
  requestIp: string;
  /** The clerk signed in, when a clerk made the request (DESIGN §14: every event names who acted). */
  clerk?: { id: string; name: string };
}
