import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorizationSummary } from '../../../shared/api/z-authorization';
import { errorInfo } from '../../../shared/counter-api';
import { ClaimsForm } from '../components/claims-form';
import { ConfirmAction } from '../components/confirm-action';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount, useNow } from '../components/hooks';
import { ShortCode } from '../components/short-code';
import type { PendingRequests } from '../components/use-pending-requests';
import { useSession } from '../session/session-context';
import {
  mergeClaimMappings,
  noLongerPending,
  noLongerPendingMessage,
  requestedCredentials,
  waitedFor,
} from '../view/authorization-requests';
import { formatCountdown, secondsLeft } from '../view/countdown';

/** Said after a request leaves the screen. Never personal data: the short code and the outcome only. */
interface Notice {
  tone: 'success' | 'warning';
  text: string;
}

/**
 * Holders who came through the Authorization Code flow (a poster QR) wait at the counter with a
 * short code on their phone (DESIGN §4). The clerk opens a request, checks the person, fills in the
 * same form as for an offer and approves, or rejects.
 */
export function RequestsScreen({ requests }: { requests: PendingRequests }) {
  // A snapshot, so that the form stays up while the decision is on its way (the live list drops
  // the request as soon as the engine has decided).
  const [opened, setOpened] = useState<AuthorizationSummary>();
  const [notice, setNotice] = useState<Notice>();

  if (opened) {
    return (
      <RequestDetail
        // A new key per request: nothing typed for one holder survives into the next.
        key={opened.id}
        request={opened}
        stillPending={requests.list === undefined || requests.list.some((r) => r.id === opened.id)}
        onClose={(outcome) => {
          setNotice(outcome);
          setOpened(undefined);
        }}
      />
    );
  }
  return (
    <RequestList
      requests={requests}
      notice={notice}
      onDismissNotice={() => setNotice(undefined)}
      onOpen={(request) => {
        setNotice(undefined);
        setOpened(request);
      }}
    />
  );
}

function RequestList({
  requests,
  notice,
  onDismissNotice,
  onOpen,
}: {
  requests: PendingRequests;
  notice: Notice | undefined;
  onDismissNotice: () => void;
  onOpen: (request: AuthorizationSummary) => void;
}) {
  const { t } = useTranslation();
  const { configurations } = useSession();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const now = useNow();
  const { list, connected, error, retry } = requests;

  return (
    <main className="screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('requests.title')}
        </h1>
        <p className="request-count" aria-live="polite" data-testid="request-count">
          {list === undefined ? '' : list.length === 0 ? t('requests.nobody') : t('requests.waiting', { count: list.length })}
        </p>
      </div>
      <p className="form-note">{t('requests.intro')}</p>
      {notice && (
        <div className={`banner banner-${notice.tone}`} role="status">
          <span>{notice.text}</span>
          <button type="button" className="button button-quiet" onClick={onDismissNotice}>
            {t('errors.dismiss')}
          </button>
        </div>
      )}
      {!connected && !error && <p className="banner">{t('requests.reconnecting')}</p>}
      {error && (
        <div className="banner banner-danger" role="alert">
          <span>{error}</span>
          <button type="button" className="button button-quiet" onClick={retry}>
            {t('app.tryAgain')}
          </button>
        </div>
      )}
      {list === undefined ? (
        !error && <p>{t('requests.loading')}</p>
      ) : list.length === 0 ? (
        <p className="empty">{t('requests.empty')}</p>
      ) : (
        <ul className="request-list">
          {list.map((request) => (
            <li key={request.id}>
              <button type="button" className="request-card" data-authorization-id={request.id} onClick={() => onOpen(request)}>
                <ShortCode code={request.shortCode} />
                <span className="request-credential">{requestedCredentials(request, configurations, t).name}</span>
                <span className="request-times">
                  {t('requests.waited', { time: waitedFor(request.createdAt, now, t) })} ·{' '}
                  <span className="numeric">
                    {t('requests.left', { time: formatCountdown(secondsLeft(Date.parse(request.expiresAt), now)) })}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function RequestDetail({
  request,
  stillPending,
  onClose,
}: {
  request: AuthorizationSummary;
  stillPending: boolean;
  onClose: (notice?: Notice) => void;
}) {
  const { t } = useTranslation();
  const { api, configurations, failed } = useSession();
  const requested = useMemo(() => requestedCredentials(request, configurations, t), [request, configurations, t]);
  const form = useMemo(
    () => ({
      ...mergeClaimMappings(requested.configurations),
      ...(requested.configurations[0] ? { expiresIn: requested.configurations[0].expiresIn } : {}),
    }),
    [requested],
  );
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const now = useNow();
  const [error, setError] = useState<string>();
  // While approve or reject is on its way, the live list dropping the request is expected.
  const deciding = useRef(false);
  const code = request.shortCode;

  useEffect(() => {
    if (!stillPending && !deciding.current) onClose({ tone: 'warning', text: noLongerPendingMessage(code, t) });
  }, [stillPending, code, onClose, t]);

  /** Resolves with a message to show, or undefined once the request is done with. */
  async function decide(action: string, call: () => Promise<unknown>, done: Notice): Promise<string | undefined> {
    deciding.current = true;
    setError(undefined);
    try {
      await call();
      onClose(done);
      return undefined;
    } catch (e) {
      deciding.current = false;
      if (noLongerPending(errorInfo(e))) {
        onClose({ tone: 'warning', text: noLongerPendingMessage(code, t) });
        return undefined;
      }
      return failed(e, action);
    }
  }

  const approve = (claims: Record<string, unknown>) =>
    decide(t('actions.approveRequest'), () => api.approveAuthorization(request.id, claims), {
      tone: 'success',
      text: t('requests.approved', { code }),
    });

  const reject = (
    <ConfirmAction
      label={t('requests.reject')}
      question={t('requests.rejectQuestion', { code })}
      confirmLabel={t('requests.rejectYes')}
      keepLabel={t('requests.rejectNo')}
      busyLabel={t('requests.rejecting')}
      onConfirm={async () => {
        const message = await decide(t('actions.rejectRequest'), () => api.rejectAuthorization(request.id), {
          tone: 'warning',
          text: t('requests.rejected', { code }),
        });
        if (message) setError(message);
      }}
    />
  );
  const canApprove = requested.configurations.length > 0 && requested.unknown.length === 0;

  return (
    <main className="screen request-screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('requests.check')}
        </h1>
        <button type="button" className="button" onClick={() => onClose()}>
          {t('requests.back')}
        </button>
      </div>
      <section className="request-check" aria-label={t('requests.request', { code })}>
        <div className="request-check-code">
          <p className="request-check-label">{t('requests.phoneShows')}</p>
          <ShortCode code={code} size="huge" />
        </div>
        <dl className="request-facts">
          <dt>{t('requests.credential')}</dt>
          <dd data-testid="requested-credential">{requested.name}</dd>
          <dt>{t('requests.waitingFor')}</dt>
          <dd>{waitedFor(request.createdAt, now, t)}</dd>
          <dt>{t('requests.timeLeft')}</dt>
          <dd className="numeric">{formatCountdown(secondsLeft(Date.parse(request.expiresAt), now))}</dd>
        </dl>
        <p className="request-check-note">{t('requests.checkNote')}</p>
      </section>
      {!canApprove && <p className="banner banner-danger">{t('requests.unknownType')}</p>}
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {canApprove ? (
        <ClaimsForm
          configuration={form}
          label={t('counter.details', { name: requested.name })}
          submitLabel={t('requests.approve')}
          busyLabel={t('requests.approving')}
          scan
          onSubmit={approve}
        >
          {reject}
        </ClaimsForm>
      ) : (
        <div className="form-actions">{reject}</div>
      )}
    </main>
  );
}
