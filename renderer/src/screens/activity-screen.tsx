import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsEvent } from '../../../shared/api/z-analytics-event';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount } from '../components/hooks';
import { INTL_LOCALE } from '../i18n/i18n';
import { usePreferences } from '../preferences/preferences-context';
import { configurationName, useSession } from '../session/session-context';
import { actorOf, dailyCounts, EVENT_TYPES, isOutcome, offerReference, outcomeTone, parseEventType, startOfToday } from '../view/activity';
import { formatMoment } from '../view/dates';

const PAGE = 100;
/** Today's events are read page by page up to this many, for the list and the day's numbers. */
const TODAY_PAGES = 20;

type Period = 'today' | 'all';

/** The engine's event log in plain words, newest first: who did what, to which offer (DESIGN §3, §14). */
export function ActivityScreen() {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { api, configurations, failed } = useSession();
  const [period, setPeriod] = useState<Period>('today');
  const [type, setType] = useState('');
  const [events, setEvents] = useState<AnalyticsEvent[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<string>();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const locale = INTL_LOCALE[preferences.language];
  const names = useMemo(() => new Map(configurations.map((c) => [c.id, configurationName(c)])), [configurations]);

  const load = useCallback(
    async (after?: string) => {
      try {
        const since = period === 'today' ? startOfToday(new Date()) : undefined;
        let next = after;
        const found: AnalyticsEvent[] = [];
        for (let page = 0; page < (since ? TODAY_PAGES : 1); page++) {
          const answer = await api.listEvents({ limit: PAGE, ...(type ? { type } : {}), ...(next ? { cursor: next } : {}) });
          const kept = since ? answer.data.filter((e) => Date.parse(e.timestamp) >= since) : answer.data;
          found.push(...kept);
          next = kept.length < answer.data.length ? undefined : answer.nextCursor;
          if (!next) break;
        }
        setEvents((previous) => (after ? [...(previous ?? []), ...found] : found));
        setCursor(next);
        setError(undefined);
      } catch (e) {
        setError(failed(e, t('actions.loadActivity')));
      }
    },
    [api, failed, type, period, t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const shown = events?.filter((e) => isOutcome(e.type));
  const counts = period === 'today' && !type && events ? dailyCounts(events) : undefined;

  return (
    <main className="screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('activity.title')}
        </h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('activity.period')}</legend>
          {(['today', 'all'] as const).map((p) => (
            <label key={p} className={`segment${period === p ? ' segment-on' : ''}`}>
              <input type="radio" name="period" value={p} checked={period === p} onChange={() => setPeriod(p)} />
              {t(`activity.${p}`)}
            </label>
          ))}
        </fieldset>
        <div className="field field-inline">
          <label htmlFor="event-type">{t('activity.event')}</label>
          <select id="event-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('activity.allEvents')}</option>
            {EVENT_TYPES.map((value) => {
              const { operation, outcome } = parseEventType(value);
              return (
                <option key={value} value={value}>
                  {operation && outcome ? t(`activity.operations.${operation}.${outcome}`) : value}
                </option>
              );
            })}
          </select>
        </div>
        <button type="button" className="button" onClick={() => void load()}>
          {t('activity.refresh')}
        </button>
      </div>
      {counts && (
        <section className="day-counts" aria-label={t('activity.todayCounts')}>
          {(['offers', 'issued', 'cancelled', 'failed'] as const).map((k) => (
            <div key={k} className={`day-count day-count-${k}`}>
              <span className="day-count-value" data-testid={`count-${k}`}>
                {counts[k]}
              </span>
              <span className="day-count-label">{t(`activity.counts.${k}`)}</span>
            </div>
          ))}
        </section>
      )}
      <ErrorBanner message={error} />
      {shown === undefined ? (
        <p>{t('activity.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{period === 'today' ? t('activity.noneToday') : t('activity.none')}</p>
      ) : (
        <table className="table activity">
          <thead>
            <tr>
              <th scope="col">{t('activity.time')}</th>
              <th scope="col">{t('activity.what')}</th>
              <th scope="col">{t('activity.clerk')}</th>
              <th scope="col">{t('activity.offer')}</th>
              <th scope="col">{t('activity.details')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((event) => {
              const { operation, outcome } = parseEventType(event.type);
              const actor = actorOf(event);
              const offerId = typeof event.data.offerId === 'string' ? event.data.offerId : undefined;
              const credentials = Array.isArray(event.data.credentials)
                ? event.data.credentials.map((id) => names.get(String(id)) ?? String(id))
                : [];
              const reason = typeof event.data.error === 'string' ? event.data.error : undefined;
              return (
                <tr key={event.id} data-event-type={event.type}>
                  <td className="numeric">{formatMoment(event.timestamp, preferences.dateFormat, locale)}</td>
                  <td>
                    <span className={`pill tone-${outcomeTone(outcome)}`}>
                      {operation && outcome ? t(`activity.operations.${operation}.${outcome}`) : event.type}
                    </span>
                  </td>
                  <td className="actor">{actor.kind === 'clerk' ? actor.name : actor.kind === 'wallet' ? t('activity.wallet') : '—'}</td>
                  <td className="mono">{offerId ? offerReference(offerId) : '—'}</td>
                  <td className="details">
                    {[credentials.join(', '), reason ? t('activity.failure', { reason }) : ''].filter(Boolean).join(' · ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => void load(cursor)}>
          {t('activity.loadOlder')}
        </button>
      )}
    </main>
  );
}
