import { useMemo, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ExpiresIn, MdocConfigurationInput } from '../../../shared/api/z-mdoc-configuration';
import { claimFields } from '../../../shared/claims/claim-fields';
import { claimsSchemaFor } from '../../../shared/claims/claims-schema';
import { localFullDate } from '../../../shared/claims/full-date';
import { usePreferences } from '../preferences/preferences-context';
import {
  evaluateForm,
  followDefaults,
  formFields,
  initialValues,
  localized,
  problemCounts,
  valuesFromDocument,
  type FieldValue,
  type FormState,
  type FormValues,
} from '../view/claims-form';
import type { DocumentClaims } from '../view/scanned-document';
import { ErrorBanner } from './error-banner';
import { ClaimInput, inputId } from './form/claim-input';
import { formMessage } from './form/form-messages';
import { ScanDocument } from './form/scan-document';

interface Props {
  /** Whose claimMappings make the form: one configuration, or several merged (mergeClaimMappings). */
  configuration: Pick<MdocConfigurationInput, 'claimMappings'> & { expiresIn?: ExpiresIn };
  /** The form's accessible name, e.g. "Mobile driving licence details". */
  label: string;
  submitLabel: string;
  busyLabel: string;
  /** The details kept from the last offer (in memory only), instead of the defaults. */
  initialValues?: FormValues;
  /** Offer the *Scan document* field (keyboard-wedge licence/MRZ scanner). */
  scan?: boolean;
  /**
   * Called with valid claims only (and the values as typed, to keep for a re-issue). Resolves with
   * a message to show when it failed, or undefined when it worked: the button then stays busy until
   * the caller moves on (and unmounts the form, which is what drops the personal data).
   */
  onSubmit: (claims: Record<string, unknown>, values: FormValues) => Promise<string | undefined>;
  /** More actions beside the submit button (e.g. *Reject*). */
  children?: ReactNode;
}

function useSummary(state: FormState, values: FormValues, fileProblem: boolean): string | undefined {
  const { t } = useTranslation();
  if (state.valid) return fileProblem ? t('form.fixPortrait') : undefined;
  const { missing, wrong } = problemCounts(state, values);
  if (missing && wrong) return t('form.and', { first: t('form.missing', { count: missing }), second: t('form.wrong', { count: wrong }) });
  if (missing) return t('form.missing', { count: missing });
  if (wrong) return t('form.wrongOnly', { count: wrong });
  return t('form.check');
}

/**
 * The holder's details, generated from claimMappings and their metadata, started from the defaults
 * (or the kept details), and checked with the engine's own schema and rules (shared/claims): used
 * for pre-authorized offers (Counter) and for approving a request (Requests).
 */
export function ClaimsForm({ configuration, label, submitLabel, busyLabel, initialValues: kept, scan, onSubmit, children }: Props) {
  const { t, i18n } = useTranslation();
  const { preferences } = usePreferences();
  const format = preferences.dateFormat;
  const fields = useMemo(() => formFields(claimFields(configuration)), [configuration]);
  const schema = useMemo(() => claimsSchemaFor(configuration), [configuration]);
  const context = useMemo(
    () => ({ today: localFullDate(new Date()), expiresIn: configuration.expiresIn ?? { years: 5 } }),
    [configuration],
  );
  const [values, setValues] = useState<Record<string, FieldValue | undefined>>(() => ({
    ...(kept ?? initialValues(fields, context, format)),
  }));
  // Fields the clerk set by hand (or a scan did): a default that follows another field leaves them alone.
  const [edited, setEdited] = useState<ReadonlySet<string>>(() => new Set(kept ? Object.keys(kept) : []));
  const [fileErrors, setFileErrors] = useState<Record<string, string | undefined>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const state = useMemo(() => evaluateForm(fields, schema, values, context, format), [fields, schema, values, context, format]);
  const errorFor = (key: string): string | undefined =>
    fileErrors[key] ?? (state.errors[key] ? formMessage(state.errors[key], t) : undefined);
  const fileProblem = Object.values(fileErrors).some(Boolean);
  const ready = state.valid && !fileProblem;
  const summary = useSummary(state, values, fileProblem);
  const touch = (key: string): void => setTouched((seen) => (seen.has(key) ? seen : new Set(seen).add(key)));
  const labelOf = (mapFrom: string) => {
    const from = fields.find((f) => `claims.${f.key}` === mapFrom);
    return from ? localized(from, i18n.language) : mapFrom;
  };

  function change(key: string, value: FieldValue | undefined): void {
    const nextEdited = new Set(edited).add(key);
    setEdited(nextEdited);
    setValues((current) => followDefaults(fields, { ...current, [key]: value }, nextEdited, context, format));
  }

  function fillFromDocument(document: DocumentClaims): number {
    const scanned = valuesFromDocument(fields, document, format);
    const keys = Object.keys(scanned);
    const nextEdited = new Set([...edited, ...keys]);
    setEdited(nextEdited);
    setValues((current) => followDefaults(fields, { ...current, ...scanned }, nextEdited, context, format));
    setTouched((seen) => new Set([...seen, ...keys]));
    return keys.length;
  }

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
    const failure = await onSubmit(state.claims, values);
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
      {scan && <ScanDocument onDocument={fillFromDocument} />}
      <p className="form-note">
        <Trans i18nKey="form.requiredNote" components={{ 1: <span className="required" /> }} />
      </p>
      <div className="fields">
        {fields.map((field) => (
          <ClaimInput
            key={field.key}
            field={field}
            value={values[field.key]}
            derived={state.derived[field.key]}
            {...(field.rule && 'from' in field.rule ? { fromLabel: labelOf(field.rule.from) } : {})}
            error={showAll || touched.has(field.key) ? errorFor(field.key) : undefined}
            onChange={(value) => change(field.key, value)}
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
