import type { ReactNode } from 'react';

export const inputId = (key: string): string => `claim-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export interface ShellProps {
  id: string;
  label: string;
  required: boolean;
  hint?: ReactNode;
  /** Shown only once the field was touched or the clerk tried to submit. */
  error?: string;
  className: string;
  children: ReactNode;
}

/** The ids a control should name in aria-describedby. */
export const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function RequiredMark({ required }: { required: boolean }) {
  if (!required) return null;
  return (
    <span className="required" aria-hidden="true">
      {' '}
      *
    </span>
  );
}

/** Label, control, hint and error of one claim, in that order. */
export function FieldShell({ id, label, required, hint, error, className, children }: ShellProps) {
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      {children}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
