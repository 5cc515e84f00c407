import { defaultWalletPolicy, zWalletPolicy, type WalletPolicy } from '../../../../shared/api/z-wallet-policy';
import { createDpopNonces, type DpopNonces } from '../dpop/dpop-nonces';
import type { Stores } from '../store';
import { CorruptRecordError } from '../store-errors';
import type { Clock } from '../util/clock';
import { base64url, type RandomSource } from '../util/secrets';
import { trustAnchors, type TrustAnchor } from './wallet-providers';

/** Change-feed topic of every write to the wallet policy or providers (DESIGN §13: other processes drop their copies). */
export const WALLET_PROTOCOL_TOPIC = 'wallet-protocol';
const POLICY = 'policy';
const DPOP_NONCE_KEY = 'dpop-nonce-key';

/**
 * What the wallet endpoints ask on every request (DESIGN §12), kept in memory: the policy, the
 * trust anchors, the DPoP nonce key. A write here or in another process (through the change feed)
 * drops the copy.
 */
export interface WalletTrust {
  policy(): Promise<WalletPolicy>;
  anchors(): Promise<TrustAnchor[]>;
  dpopNonces(): Promise<DpopNonces>;
  /** After a write to the policy or the providers: drop the copies here and in every other process. */
  changed(): void;
}

export function createWalletTrust(deps: {
  stores: Stores;
  clock: Clock;
  random: RandomSource;
  log: (message: string, error?: unknown) => void;
}): WalletTrust {
  const { stores, clock, random, log } = deps;
  let policy: Promise<WalletPolicy> | undefined;
  let anchors: Promise<TrustAnchor[]> | undefined;
  let nonces: Promise<DpopNonces> | undefined;
  const drop = () => {
    policy = undefined;
    anchors = undefined;
  };
  stores.feed.subscribe(WALLET_PROTOCOL_TOPIC, drop);
  // A failed read is not remembered.
  const kept = <T>(load: () => Promise<T>, forget: () => void) => {
    const p = load();
    p.catch(forget);
    return p;
  };
  return {
    policy: () =>
      (policy ??= kept(
        async () => readPolicy(await stores.walletProtocol.getSetting(POLICY)),
        () => (policy = undefined),
      )),
    anchors: () =>
      (anchors ??= kept(
        async () =>
          trustAnchors(await stores.walletProtocol.listProviders(), (id, why) => log(`wallet provider ${id} cannot be used: ${why}`)),
        () => (anchors = undefined),
      )),
    // Written once by whichever process asks first; every process then uses that key (DESIGN §13).
    dpopNonces: () =>
      (nonces ??= kept(
        async () => {
          const key = await stores.walletProtocol.settingOnce(DPOP_NONCE_KEY, base64url(random.bytes(32)), clock.now());
          return createDpopNonces(Buffer.from(key, 'base64url'));
        },
        () => (nonces = undefined),
      )),
    changed: () => {
      drop();
      stores.feed.publish(WALLET_PROTOCOL_TOPIC);
    },
  };
}

export const POLICY_SETTING = POLICY;

/** A damaged policy fails closed (a CorruptRecordError), never silently looser than the admin set it. */
function readPolicy(stored: string | undefined): WalletPolicy {
  if (stored === undefined) return defaultWalletPolicy;
  let parsed;
  try {
    parsed = zWalletPolicy.safeParse(JSON.parse(stored));
  } catch {
    throw new CorruptRecordError('wallet_settings.policy', 'not JSON');
  }
  if (!parsed.success) throw new CorruptRecordError('wallet_settings.policy', parsed.error.message);
  return parsed.data;
}
