import type { TFunction } from 'i18next';
import type { AuthorizationSummary } from '../../../shared/api/z-authorization';
import type { ClaimMapping, MdocConfiguration, MdocConfigurationInput } from '../../../shared/api/z-mdoc-configuration';
import type { CounterApiErrorInfo } from '../../../shared/counter-api';

// The Requests screen as data (DESIGN §4): holders who came through the Authorization Code flow
// wait with a short code on their phone until the clerk approves or rejects them.

/** Oldest first: the person who has waited longest is served first. */
export const byArrival = (requests: readonly AuthorizationSummary[]): AuthorizationSummary[] =>
  [...requests].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.shortCode.localeCompare(b.shortCode));

/** "4821" → "4 8 2 1": read digit by digit, as the holder's page shows it. */
export const spokenCode = (shortCode: string): string => shortCode.split('').join(' ');

/** How long the holder has waited, in words for a list: "just now", "1 min", "12 min". */
export function waitedFor(createdAt: string, nowMs: number, t: TFunction): string {
  const minutes = Math.floor(Math.max(0, nowMs - Date.parse(createdAt)) / 60_000);
  return minutes < 1 ? t('requests.justNow') : t('requests.minutes', { count: minutes });
}

export interface RequestedCredentials {
  /** The configurations the request names, in its order. */
  configurations: MdocConfiguration[];
  /** Ids this counter does not know (configuration deleted since, or added after sign-in). */
  unknown: string[];
  /** "Mobile driving licence", "Mobile driving licence and EU PID". */
  name: string;
}

const nameOf = (c: Pick<MdocConfiguration, 'type' | 'branding'>): string => c.branding?.name ?? c.type;

export function requestedCredentials(
  request: Pick<AuthorizationSummary, 'credentials'>,
  configurations: readonly MdocConfiguration[],
  t: TFunction,
): RequestedCredentials {
  const found: MdocConfiguration[] = [];
  const unknown: string[] = [];
  for (const id of request.credentials) {
    const configuration = configurations.find((c) => c.id === id);
    if (configuration) found.push(configuration);
    else unknown.push(id);
  }
  const names = [...found.map(nameOf), ...unknown.map(() => t('requests.unknownCredential'))];
  const name =
    names.length <= 1
      ? (names[0] ?? t('requests.nothing'))
      : t('requests.list', { first: names.slice(0, -1).join(', '), last: names.at(-1) ?? '' });
  return { configurations: found, unknown, name };
}

/**
 * One form for a request naming several configurations: the engine checks the one `claims` object
 * against each configuration's claimsSchemaFor, so the form asks for the union of their fields.
 * A claim two configurations both map (same path) appears once; required if either requires it.
 */
export function mergeClaimMappings(
  configurations: ReadonlyArray<Pick<MdocConfigurationInput, 'claimMappings'>>,
): Pick<MdocConfigurationInput, 'claimMappings'> {
  const merged: Record<string, Record<string, ClaimMapping>> = {};
  const byPath = new Map<string, ClaimMapping>();
  for (const { claimMappings } of configurations) {
    for (const [namespace, elements] of Object.entries(claimMappings)) {
      for (const [element, mapping] of Object.entries(elements)) {
        const seen = byPath.get(mapping.mapFrom);
        if (seen) {
          // Required without a default anywhere: the engine will insist on it for that configuration.
          if (mapping.required && mapping.defaultValue === undefined) {
            seen.required = true;
            delete seen.defaultValue;
          }
          continue;
        }
        const copy = { ...mapping };
        byPath.set(mapping.mapFrom, copy);
        (merged[namespace] ??= {})[element] = copy;
      }
    }
  }
  return { claimMappings: merged };
}

/**
 * A decision the engine refused because the request is not pending any more (decided on another
 * screen, or expired meanwhile): 409, or 404 once it is gone. The clerk goes back to the list.
 */
export const noLongerPending = (error: Pick<CounterApiErrorInfo, 'status'>): boolean => error.status === 409 || error.status === 404;

export const noLongerPendingMessage = (shortCode: string, t: TFunction): string => t('requests.gone', { code: shortCode });
