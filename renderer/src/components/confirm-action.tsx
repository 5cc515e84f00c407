import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The button that starts it, e.g. "Cancel offer". */
  label: string;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => Promise<void> | void;
  busyLabel?: string;
  className?: string;
  /** What the question also asks for (e.g. a reason), shown between it and the answers; `busy` while confirming. */
  children?: (busy: boolean) => ReactNode;
}

/** A destructive action behind a second, explicit step (no window.confirm on a kiosk). */
export function ConfirmAction({ label, question, confirmLabel, keepLabel, onConfirm, busyLabel = '…', className = '', children }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    // Move focus into the question (the safe answer first), and back when it closes.
    if (asking) keepRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={startRef} type="button" className={`button button-danger ${className}`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div
      className={`confirm ${className}`}
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) setAsking(false);
      }}
    >
      <p className="confirm-question">{question}</p>
      {children?.(busy)}
      <div className="confirm-buttons">
        <button ref={keepRef} type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
          {keepLabel}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </div>
  );
}
