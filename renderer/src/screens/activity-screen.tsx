import { useCallback, useEffect, useState } from 'react';
import type { AnalyticsEvent } from '../../../shared/api/z-analytics-event';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount } from '../components/hooks';
import { useSession } from '../session/session-context';
import { EVENT_TYPES, eventOutcome, eventSummary } from '../view/activity';

const PAGE = 50;

/** The engine's event log, newest first (DESIGN §3 analytics events). */
export function ActivityScreen() {
  const { api, failed } = useSession();
  const [type, setType] = useState('');
  const [events, setEvents] = useState<AnalyticsEvent[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<string>();
  const heading = useFocusOnMount<HTMLHeadingElement>();

  const load = useCallback(
    async (after?: string) => {
      try {
        const page = await api.listEvents({ limit: PAGE, ...(type ? { type } : {}), ...(after ? { cursor: after } : {}) });
        setEvents((previous) => (after ? [...(previous ?? []), ...page.data] : page.data));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        setError(failed(e, 'load the activity'));
      }
    },
    [api, failed, type],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          Activity
        </h1>
        <div className="field field-inline">
          <label htmlFor="event-type">Event</label>
          <select id="event-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      <ErrorBanner message={error} />
      {events === undefined ? (
        <p>Loading…</p>
      ) : events.length === 0 ? (
        <p className="empty">No events yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
              <th scope="col">Details</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => {
              const outcome = eventOutcome(event.type);
              return (
                <tr key={event.id}>
                  <td className="numeric">{new Date(event.timestamp).toLocaleString()}</td>
                  <td className="mono event-type">{event.type}</td>
                  <td>
                    <span className={`pill tone-${outcome.tone}`}>{outcome.label}</span>
                  </td>
                  <td className="details">{eventSummary(event.data)}</td>
                  <td className="mono small">
                    {event.requestIp} · {event.requestId}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => void load(cursor)}>
          Load older events
        </button>
      )}
    </main>
  );
}
