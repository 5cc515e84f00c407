import type { Tone } from './offer-status';

// DESIGN §3: every operation emits *_START, then *_SUCCESS or *_FAIL.
const OPERATIONS = [
  'OPENID_OFFER_CREATE',
  'OPENID_PRE_AUTHORIZED_OFFER_CREATE',
  'OPENID_PRE_AUTHORIZED_OFFER_DELETE',
  'OPENID_AUTHORIZE',
  'OPENID_TOKEN',
  'OPENID_CREDENTIAL',
];
export const EVENT_TYPES: readonly string[] = OPERATIONS.flatMap((op) => [`${op}_START`, `${op}_SUCCESS`, `${op}_FAIL`]);

export function eventOutcome(type: string): { label: string; tone: Tone } {
  if (type.endsWith('_SUCCESS')) return { label: 'Success', tone: 'success' };
  if (type.endsWith('_FAIL')) return { label: 'Failed', tone: 'danger' };
  if (type.endsWith('_START')) return { label: 'Started', tone: 'neutral' };
  return { label: 'Info', tone: 'neutral' };
}

/** The event's data as short "key: value" text (event data never holds claims, DESIGN §3). */
export function eventSummary(data: Record<string, unknown>, maxLength = 160): string {
  const text = Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
