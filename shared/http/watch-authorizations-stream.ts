import { zAuthorizationsEventData } from '../api/z-authorization-responses';
import type { AuthorizationsWatchEvent, Unsubscribe } from '../counter-api';
import { parseJson, watchEventStream, type EventStreamWatchOptions } from './watch-event-stream';

export type AuthorizationsWatchOptions = Omit<EventStreamWatchOptions<AuthorizationsWatchEvent>, 'read'>;

/**
 * Follows the pending authorizations (GET /v1/openid/authorizations/events): the whole pending list
 * at once and after every change, until an error that retrying cannot fix, or unsubscribe.
 */
export function watchAuthorizationsStream(options: AuthorizationsWatchOptions): Unsubscribe {
  return watchEventStream<AuthorizationsWatchEvent>({
    ...options,
    read: (message) => {
      if (message.event !== 'authorizations') return undefined;
      const list = zAuthorizationsEventData.safeParse(parseJson(message.data));
      if (!list.success) return undefined;
      return { event: { type: 'authorizations', authorizations: list.data.data } };
    },
  });
}
