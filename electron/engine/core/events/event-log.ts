import type { Clock } from '../util/clock';
import type { RandomSource } from '../util/secrets';
import type { EventStore, StoredEvent } from '../store';
import type { RequestInfo } from '../context';
import { ManagementError } from '../errors/management-error';
import { OAuthError } from '../errors/oauth-error';
import { StorageUnavailableError } from '../store-errors';

export type OperationName =
  | 'OPENID_OFFER_CREATE'
  | 'OPENID_PRE_AUTHORIZED_OFFER_CREATE'
  | 'OPENID_PRE_AUTHORIZED_OFFER_DELETE'
  | 'OPENID_PRE_AUTHORIZED_OFFER_EXTEND'
  | 'OPENID_AUTHORIZE'
  | 'OPENID_AUTHORIZATION_APPROVE'
  | 'OPENID_AUTHORIZATION_REJECT'
  | 'OPENID_TOKEN'
  | 'OPENID_CREDENTIAL'
  | 'OPENID_NOTIFICATION'
  | 'MOBILE_CREDENTIAL_CONFIGURATION_CREATE'
  | 'MOBILE_CREDENTIAL_CONFIGURATION_UPDATE'
  | 'MOBILE_CREDENTIAL_CONFIGURATION_DELETE'
  | 'COUNTER_CLERK_CREATE'
  | 'COUNTER_CLERK_UPDATE'
  | 'COUNTER_CLERK_DELETE'
  | 'COUNTER_CLERK_SIGN_IN'
  | 'COUNTER_CLERK_SIGN_OUT'
  | 'MOBILE_CREDENTIAL_IACA_CREATE'
  | 'MOBILE_CREDENTIAL_IACA_UPDATE'
  | 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE'
  | 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_UPDATE'
  | 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_REVOKE'
  | 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_CREATE'
  | 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_UPDATE'
  | 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_REVOKE'
  | 'MOBILE_CREDENTIAL_STATUS_LIST_SETTINGS_UPDATE'
  | 'MOBILE_CREDENTIAL_STATUS_SET'
  | 'COUNTER_WALLET_POLICY_UPDATE'
  | 'COUNTER_WALLET_PROVIDER_CREATE'
  | 'COUNTER_WALLET_PROVIDER_DELETE'
  | 'COUNTER_METADATA_SIGNER_CREATE'
  | 'COUNTER_METADATA_SIGNER_UPDATE';

/** Event data: identifiers and outcomes only, never claim values, codes or tokens (DESIGN §3). */
export type EventData = Record<string, string | number | boolean | string[] | undefined>;

export interface EventLog {
  /**
   * Runs one operation and records `<name>_START` then `<name>_SUCCESS` or `<name>_FAIL`.
   * `data` may be filled in by the operation as it learns more (an offer id, say).
   */
  operation<T>(
    name: OperationName,
    request: RequestInfo,
    data: EventData,
    run: () => Promise<T>,
    /** A result that is a refusal (STYLE §9: a value, not an exception): the failure to record, else undefined. */
    refusal?: (result: T) => EventData | undefined,
  ): Promise<T>;
}

/**
 * Group commit: the events of every operation that finishes in the same turn of the event loop
 * are written in one transaction, and each operation still waits for its own events to be
 * written before it answers. Events are best effort after the change they describe (DESIGN §8):
 * a change that committed is never answered as failed because its events could not be written.
 */
function groupCommit(store: EventStore): (events: StoredEvent[]) => Promise<void> {
  let queue: StoredEvent[] = [];
  let waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const [batch, settled] = [queue, waiters];
    queue = [];
    waiters = [];
    try {
      await store.append(batch);
      settled.forEach((w) => w.resolve());
    } catch (error) {
      settled.forEach((w) => w.reject(error));
    }
  };
  return (events) =>
    new Promise<void>((resolve, reject) => {
      if (queue.length === 0) setImmediate(() => void flush());
      queue.push(...events);
      waiters.push({ resolve, reject });
    });
}

/** What the metrics hear about each finished operation (plain values: the core knows no metrics library). */
export type OperationObserver = (outcome: {
  name: OperationName;
  outcome: 'success' | 'fail';
  /** The error code of a failure (`invalid_grant`, `NotFound`, `StorageUnavailable`, …). */
  error?: string;
  data: EventData;
  seconds: number;
}) => void;

export function createEventLog(
  store: EventStore,
  clock: Clock,
  random: RandomSource,
  log: (message: string, error?: unknown) => void = () => {},
  observe: OperationObserver = () => {},
): EventLog {
  const write = groupCommit(store);
  let lastReport = -Infinity;
  let unreported = 0;
  const append = (events: StoredEvent[]) =>
    write(events).catch((error: unknown) => {
      // One line a minute at most: a full disk would otherwise fill the log as well.
      unreported += events.length;
      if (clock.now() - lastReport < 60_000) return;
      log(`${unreported} analytics event(s) could not be written; the operations themselves were answered as they went`, error);
      lastReport = clock.now();
      unreported = 0;
    });
  const event = (type: string, request: RequestInfo, data: EventData, timestamp: number): StoredEvent => ({
    id: random.uuid(),
    type,
    timestamp,
    requestId: request.requestId,
    requestIp: request.requestIp,
    data: {
      ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
      ...(request.clerk ? { clerkId: request.clerk.id, clerkName: request.clerk.name } : {}),
    },
  });
  return {
    async operation(name, request, data, run, refusal) {
      const start = event(`${name}_START`, request, { ...data }, clock.now());
      const seconds = () => (clock.now() - start.timestamp) / 1000;
      try {
        const result = await run();
        const refused = refusal?.(result);
        observe({
          name,
          outcome: refused ? 'fail' : 'success',
          ...(refused && typeof refused.error === 'string' ? { error: refused.error } : {}),
          data,
          seconds: seconds(),
        });
        await append([
          start,
          refused
            ? event(`${name}_FAIL`, request, { ...data, ...refused }, clock.now())
            : event(`${name}_SUCCESS`, request, data, clock.now()),
        ]);
        return result;
      } catch (error) {
        const failed = failure(error);
        observe({ name, outcome: 'fail', error: String(failed.error), data, seconds: seconds() });
        await append([start, event(`${name}_FAIL`, request, { ...data, ...failed }, clock.now())]);
        throw error;
      }
    },
  };
}

function failure(error: unknown): EventData {
  if (error instanceof ManagementError) return { error: error.code, status: error.status };
  if (error instanceof OAuthError) return { error: error.error, status: error.status };
  if (error instanceof StorageUnavailableError) return { error: 'StorageUnavailable', status: 503, fault: error.fault };
  return { error: 'InternalError' };
}
