import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackedApi } from '../../../shared/http/reachability';

/**
 * DESIGN §13: while the engine (a branch server, or in a browser the kiosk's own server) gives no
 * answer, the clerk sees it at once on every screen, and sees it go when the engine is back.
 */
export function OfflineBanner({ tracked }: { tracked: TrackedApi }) {
  const { t } = useTranslation();
  const [state, setState] = useState(tracked.current());
  useEffect(() => {
    setState(tracked.current());
    return tracked.subscribe(setState);
  }, [tracked]);
  if (state.reachable) return null;
  return (
    <div className="banner banner-danger offline-banner" role="alert" data-testid="offline-banner">
      <strong>{t('app.offline')}</strong>
      {state.reason && <span className="form-note">{t('app.offlineReason', { reason: state.reason })}</span>}
    </div>
  );
}
