import type { AnalyticsEvent } from '../../../shared/api/z-analytics-event';
import type { Tone } from './offer-status';

// The engine's event log in plain words (DESIGN §3, §14): every operation emits *_START, then
// *_SUCCESS or *_FAIL; the clerk mostly wants to know what ended, when, by whom, for which offer.

export const OPERATIONS = [
  'OPENID_PRE_AUTHORIZED_OFFER_CREATE',
  'OPENID_PRE_AUTHORIZED_OFFER_DELETE',
  'OPENID_PRE_AUTHORIZED_OFFER_EXTEND',
  'OPENID_TOKEN',
  'OPENID_CREDENTIAL',
  'OPENID_NOTIFICATION',
  'OPENID_OFFER_CREATE',
  'OPENID_AUTHORIZE',
  'OPENID_AUTHORIZATION_APPROVE',
  'OPENID_AUTHORIZATION_REJECT',
  'MOBILE_CREDENTIAL_CONFIGURATION_CREATE',
  'MOBILE_CREDENTIAL_CONFIGURATION_UPDATE',
  'MOBILE_CREDENTIAL_CONFIGURATION_DELETE',
  'MOBILE_CREDENTIAL_IACA_CREATE',
  'MOBILE_CREDENTIAL_IACA_UPDATE',
  'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE',
  'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_UPDATE',
  'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_REVOKE',
  'MOBILE_CREDENTIAL_STATUS_SET',
  'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_CREATE',
  'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_UPDATE',
  'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_REVOKE',
  'MOBILE_CREDENTIAL_STATUS_LIST_SETTINGS_UPDATE',
  'COUNTER_CLERK_SIGN_IN',
  'COUNTER_CLERK_SIGN_OUT',
  'COUNTER_CLERK_CREATE',
  'COUNTER_CLERK_UPDATE',
  'COUNTER_CLERK_DELETE',
  'COUNTER_WALLET_POLICY_UPDATE',
  'COUNTER_WALLET_PROVIDER_CREATE',
  'COUNTER_WALLET_PROVIDER_DELETE',
  'COUNTER_METADATA_SIGNER_CREATE',
  'COUNTER_METADATA_SIGNER_UPDATE',
] as const;
export type Operation = (typeof OPERATIONS)[number];
export const OUTCOMES = ['START', 'SUCCESS', 'FAIL'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The filter's choices: the outcomes of each operation (starts are rarely what a clerk looks for). */
export const EVENT_TYPES: readonly string[] = OPERATIONS.flatMap((op) => [`${op}_SUCCESS`, `${op}_FAIL`]);

/** Operations a wallet performs, not a clerk. */
const WALLET_OPERATIONS: ReadonlySet<string> = new Set(['OPENID_TOKEN', 'OPENID_CREDENTIAL', 'OPENID_NOTIFICATION', 'OPENID_AUTHORIZE']);

export interface EventType {
  /** Known to the catalog; undefined for a type this UI has no words for (shown as it is). */
  operation?: Operation;
  outcome?: Outcome;
}

export function parseEventType(type: string): EventType {
  const match = /^(.+)_(START|SUCCESS|FAIL)$/.exec(type);
  if (!match) return {};
  const operation = OPERATIONS.find((op) => op === match[1]);
  return { ...(operation ? { operation } : {}), outcome: match[2] as Outcome };
}

export function outcomeTone(outcome: Outcome | undefined): Tone {
  return outcome === 'SUCCESS' ? 'success' : outcome === 'FAIL' ? 'danger' : 'neutral';
}

/** A short reference for an offer, the same on the offer screen, Open offers and Activity: "3F2A". */
export const offerReference = (id: string): string => id.replace(/-/g, '').slice(0, 4).toUpperCase();

/** Who acted: the clerk the engine recorded, a wallet, or nobody known. */
export function actorOf(
  event: Pick<AnalyticsEvent, 'type' | 'data'>,
): { kind: 'clerk'; name: string } | { kind: 'wallet' } | { kind: 'unknown' } {
  const name = event.data.clerkName;
  if (typeof name === 'string' && name) return { kind: 'clerk', name };
  const { operation } = parseEventType(event.type);
  return operation && WALLET_OPERATIONS.has(operation) ? { kind: 'wallet' } : { kind: 'unknown' };
}

/** Midnight today where the kiosk is. */
export const startOfToday = (now: Date): number => new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();

export interface DailyCounts {
  offers: number;
  issued: number;
  cancelled: number;
  failed: number;
}

/** Today's numbers, from today's events. */
export function dailyCounts(events: readonly Pick<AnalyticsEvent, 'type'>[]): DailyCounts {
  const count = (type: string) => events.filter((e) => e.type === type).length;
  return {
    offers: count('OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS'),
    issued: count('OPENID_CREDENTIAL_SUCCESS'),
    cancelled: count('OPENID_PRE_AUTHORIZED_OFFER_DELETE_SUCCESS'),
    failed: events.filter((e) => e.type.endsWith('_FAIL')).length,
  };
}

/** Whether an event is one a clerk wants in the list: what ended, unless starts were asked for. */
export const isOutcome = (type: string): boolean => !type.endsWith('_START');
