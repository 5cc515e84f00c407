import { useMemo, useState, type ReactNode } from 'react';
import type { MdocConfigurationInput } from '../../../shared/api/z-mdoc-configuration';
import { claimFields } from '../../../shared/claims/claim-fields';
import { claimsSchemaFor } from '../../../shared/claims/claims-schema';
import { evaluateForm, formFields, formSummary, type FieldValue } from '../view/claims-form';
import { ClaimInput, inputId } from './claim-input';
import { ErrorBanner } from './error-banner';

interface Props {
  /** Whose claimMappings make the form: one configuration, or several merged (mergeClaimMappings). */
  configuration: Pick<MdocConfigurationInput, 'claimMappings'>;
  /** The form's accessible name, e.g. "Mobile driving licence details". */
  label: string;
  submitLabel: string;
  busyLabel: string;
  /**
   * Called with valid claims only. Resolves with a message to show when it failed, or undefined
   * when it worked: the button then stays busy until the caller moves on (and unmounts the form,
   * which is what drops the personal data).
   */
  onSubmit: (claims: Record<string, unknown>) => Promise<string | undefined>;
  /** More actions beside the submit button (e.g. *Reject*). */
  children?: ReactNode;
}

/**
 * The holder's details, generated from claimMappings and validated with the engine's own schema
 * (claimsSchemaFor): used for pre-authorized offers (Counter) and for approving a request (Requests).
 */
export function ClaimsForm({ configuration, label, submitLabel, busyLabel, onSubmit, children }: Props) {
  const fields = useMemo(() => formFields(claimFields(configuration)), [configuration]);
  const schema = useMemo(() => claimsSchemaFor(configuration), [configuration]);
  const [values, setValues] = useState<Record<string, FieldValue | undefined>>({});
  const [fileErrors, setFileErrors] = useState<Record<string, string | undefined>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const state = useMemo(() => evaluateForm(fields, schema, values), [fields, schema, values]);
  const errorFor = (key: string): string | undefined => fileErrors[key] ?? state.errors[key];
  const ready = state.valid && Object.values(fileErrors).every((e) => !e);
  const summary = ready ? undefined : (formSummary(state, values) ?? 'Fix the portrait file');
  const touch = (key: string): void => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));

  async function submit(): Promise<void> {
    if (busy) return;
    if (!ready) {
      // The button only looks disabled: pressing it shows every problem and goes to the first.
      setShowAll(true);
      const first = fields.find((f) => errorFor(f.key));
      if (first) document.getElementById(inputId(first.key))?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const failure = await onSubmit(state.claims);
    if (failure !== undefined) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form
      className="claims-form"
      noValidate
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="form-note">
        Fields marked <span className="required">*</span> are required.
      </p>
      <div className="fields">
        {fields.map((field) => (
          <ClaimInput
            key={field.key}
            field={field}
            value={values[field.key]}
            error={showAll || touched.has(field.key) ? errorFor(field.key) : undefined}
            onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
            onFileError={(message) => setFileErrors((f) => ({ ...f, [field.key]: message }))}
            onBlur={() => touch(field.key)}
          />
        ))}
      </div>
      <ErrorBanner message={error} onDismiss={() => setError(undefined)} />
      <div className="form-actions">
        <p id="form-summary" className="form-summary" aria-live="polite">
          {summary}
        </p>
        {children}
        <button
          type="submit"
          className="button button-primary button-large"
          aria-disabled={!ready || busy}
          aria-describedby={summary ? 'form-summary' : undefined}
        >
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
