import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorizationSummary } from '../../../shared/api/z-authorization';
import { CounterApiError } from '../../../shared/counter-api';
import { useSession } from '../session/session-context';
import { byArrival } from '../view/authorization-requests';

export interface PendingRequests {
  /** Oldest first; undefined until the engine's first answer. */
  list: AuthorizationSummary[] | undefined;
  /** False while the live link is down (the list may be stale). */
  connected: boolean;
  /** Set when following stopped for good (e.g. an engine without the Authorization Code flow, a refused token). */
  error: string | undefined;
  retry: () => void;
}

/** The pending authorizations, live, for the whole signed-in session (the nav badge needs them too). */
export function usePendingRequests(): PendingRequests {
  const { api, failed } = useSession();
  const { t } = useTranslation();
  const [list, setList] = useState<AuthorizationSummary[]>();
  const [connected, setConnected] = useState(true);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(undefined);
    return api.watchAuthorizations((event) => {
      if (event.type === 'authorizations') setList(byArrival(event.authorizations));
      else if (event.type === 'connection') setConnected(event.connected);
      else {
        setConnected(false);
        setError(failed(new CounterApiError(event.error), t('actions.followRequests')));
      }
    });
  }, [api, failed, attempt, t]);

  return { list, connected, error, retry: () => setAttempt((n) => n + 1) };
}
