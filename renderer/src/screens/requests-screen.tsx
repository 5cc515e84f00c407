import { useEffect, useMemo, useRef, useState } from 'react';
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
  const { configurations } = useSession();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const now = useNow();
  const { list, connected, error, retry } = requests;

  return (
    <main className="screen">
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          Requests
        </h1>
        <p className="request-count" aria-live="polite" data-testid="request-count">
          {list === undefined
            ? ''
            : list.length === 0
              ? 'Nobody waiting'
              : list.length === 1
                ? '1 holder waiting'
                : `${list.length} holders waiting`}
        </p>
      </div>
      <p className="form-note">
        Holders who scanned a poster QR code wait here with a 4-digit code on their phone. Open a request, compare the code, and check the
        person before approving.
      </p>
      {notice && (
        <div className={`banner banner-${notice.tone}`} role="status">
          <span>{notice.text}</span>
          <button type="button" className="button button-quiet" onClick={onDismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      {!connected && !error && <p className="banner">Reconnecting to the engine… the list may be out of date.</p>}
      {error && (
        <div className="banner banner-danger" role="alert">
          <span>{error}</span>
          <button type="button" className="button button-quiet" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {list === undefined ? (
        !error && <p>Loading…</p>
      ) : list.length === 0 ? (
        <p className="empty">Nobody is waiting. New requests appear here by themselves.</p>
      ) : (
        <ul className="request-list">
          {list.map((request) => (
            <li key={request.id}>
              <button type="button" className="request-card" data-authorization-id={request.id} onClick={() => onOpen(request)}>
                <ShortCode code={request.shortCode} />
                <span className="request-credential">{requestedCredentials(request, configurations).name}</span>
                <span className="request-times">
                  Waiting {waitedFor(request.createdAt, now)} ·{' '}
                  <span className="numeric">{formatCountdown(secondsLeft(Date.parse(request.expiresAt), now))}</span> left
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
  const { api, configurations, failed } = useSession();
  const requested = useMemo(() => requestedCredentials(request, configurations), [request, configurations]);
  const form = useMemo(() => mergeClaimMappings(requested.configurations), [requested]);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const now = useNow();
  const [error, setError] = useState<string>();
  // While approve or reject is on its way, the live list dropping the request is expected.
  const deciding = useRef(false);
  const code = request.shortCode;

  useEffect(() => {
    if (!stillPending && !deciding.current) onClose({ tone: 'warning', text: noLongerPendingMessage(code) });
  }, [stillPending, code, onClose]);

  /** Resolves with a message to show, or undefined once the request is done with. */
  async function decide(action: 'approve' | 'reject', call: () => Promise<unknown>, done: Notice): Promise<string | undefined> {
    deciding.current = true;
    setError(undefined);
    try {
      await call();
      onClose(done);
      return undefined;
    } catch (e) {
      deciding.current = false;
      if (noLongerPending(errorInfo(e))) {
        onClose({ tone: 'warning', text: noLongerPendingMessage(code) });
        return undefined;
      }
      return failed(e, `${action} the request`);
    }
  }

  const approve = (claims: Record<string, unknown>) =>
    decide('approve', () => api.approveAuthorization(request.id, claims), {
      tone: 'success',
      text: `Request ${code} approved: the holder's phone continues by itself.`,
    });

  const reject = (
    <ConfirmAction
      label="Reject"
      question={`Reject request ${code}? The holder's phone will say it was declined.`}
      confirmLabel="Yes, reject"
      keepLabel="No, go back"
      busyLabel="Rejecting…"
      onConfirm={async () => {
        const message = await decide('reject', () => api.rejectAuthorization(request.id), {
          tone: 'warning',
          text: `Request ${code} rejected.`,
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
          Check the holder
        </h1>
        <button type="button" className="button" onClick={() => onClose()}>
          Back to requests
        </button>
      </div>
      <section className="request-check" aria-label={`Request ${code}`}>
        <div className="request-check-code">
          <p className="request-check-label">Their phone must show</p>
          <ShortCode code={code} size="huge" />
        </div>
        <dl className="request-facts">
          <dt>Credential</dt>
          <dd data-testid="requested-credential">{requested.name}</dd>
          <dt>Waiting</dt>
          <dd>{waitedFor(request.createdAt, now)}</dd>
          <dt>Time left</dt>
          <dd className="numeric">{formatCountdown(secondsLeft(Date.parse(request.expiresAt), now))}</dd>
        </dl>
        <p className="request-check-note">
          Compare the code on their phone, check their identity document, then enter their details exactly as on the document.
        </p>
      </section>
      {!canApprove && (
        <p className="banner banner-danger">
          This request asks for a credential type this counter does not know (it may have been removed). It can only be rejected.
        </p>
      )}
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      {canApprove ? (
        <ClaimsForm
          configuration={form}
          label={`${requested.name} details`}
          submitLabel="Approve"
          busyLabel="Approving…"
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
