import { zDisplayState, type CreatedDisplay, type DisplayState } from '../api/z-display';
import type { Unsubscribe } from '../counter-api';
import { createRouteClient, type FetchLike } from './route-client';
import { parseJson, watchEventStream, type LinkEvent } from './watch-event-stream';

export type DisplayWatchEvent = { type: 'state'; state: DisplayState } | LinkEvent;

/**
 * The customer display's side of the API (DESIGN §14): it asks for a pairing code, then follows
 * its stream with its own token. No clerk credential is ever on that screen.
 */
export function createDisplayClient(options: { baseUrl: string; fetch?: FetchLike }) {
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    create: (): Promise<CreatedDisplay> => createRouteClient({ baseUrl: options.baseUrl, fetch: fetchFn }).call('createDisplay', {}),
    watch(display: Pick<CreatedDisplay, 'id' | 'token'>, listener: (event: DisplayWatchEvent) => void): Unsubscribe {
      const { open } = createRouteClient({ baseUrl: options.baseUrl, token: display.token, fetch: fetchFn });
      return watchEventStream<DisplayWatchEvent>({
        listener,
        open: (signal) => open('watchDisplay', { params: { id: display.id } }, signal),
        read: (message) => {
          if (message.event !== 'display') return undefined;
          const state = zDisplayState.safeParse(parseJson(message.data));
          return state.success ? { event: { type: 'state', state: state.data } } : undefined;
        },
      });
    },
  };
}
