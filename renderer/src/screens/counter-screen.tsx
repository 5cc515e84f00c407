import { useMemo, useState } from 'react';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import { claimFields } from '../../../shared/claims/claim-fields';
import { claimsSchemaFor } from '../../../shared/claims/claims-schema';
import { ErrorBanner } from '../components/error-banner';
import { useFocusOnMount } from '../components/hooks';
import { configurationName, useSession } from '../session/session-context';
import { evaluateForm, formFields, formSummary, type FieldValue } from '../view/claims-form';
import { localDeadline } from '../view/countdown';
import { offerRequest, transactionCodeDigits } from '../view/offer-request';
import { ClaimInput, inputId } from './claim-input';
import type { ActiveOffer } from './offer-screen';

export const CREATE_MARK = 'counter:create-offer';

/** Pick a credential type, fill in the holder's details, create the offer (DESIGN §7.1). */
export function CounterScreen({ onOfferCreated }: { onOfferCreated: (offer: ActiveOffer) => void }) {
  const { configurations } = useSession();
  const [configurationId, setConfigurationId] = useState(configurations[0]?.id);
  const configuration = configurations.find((c) => c.id === configurationId);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  return (
    <main className="screen counter-screen">
      <h1 ref={heading} tabIndex={-1}>
        New offer
      </h1>
      {configurations.length === 0 ? (
        <p className="banner">No credential types are configured. Ask IT to add one.</p>
      ) : (
        <fieldset className="type-picker">
          <legend>Credential type</legend>
          {configurations.map((c) => (
            <label key={c.id} className={`type-option${c.id === configurationId ? ' type-option-selected' : ''}`}>
              <input type="radio" name="credential-type" value={c.id} checked={c.id === configurationId} onChange={() => setConfigurationId(c.id)} />
              <span className="type-name">{configurationName(c)}</span>
              <span className="type-doctype">{c.type}</span>
            </label>
          ))}
        </fieldset>
      )}
      {/* A new key per type: switching types starts from an empty form. */}
      {configuration && <ClaimsForm key={configuration.id} configuration={configuration} onOfferCreated={onOfferCreated} />}
    </main>
  );
}

function ClaimsForm({ configuration, onOfferCreated }: { configuration: MdocConfiguration; onOfferCreated: (offer: ActiveOffer) => void }) {
  const { api, settings, failed } = useSession();
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
    performance.clearMarks(CREATE_MARK);
    performance.mark(CREATE_MARK);
    const sentAt = Date.now();
    const seconds = settings.defaultOfferSeconds;
    try {
      const created = await api.createOffer(offerRequest(configuration.id, state.claims, seconds));
      const code = transactionCodeDigits(created.transactionCode);
      onOfferCreated({
        id: created.id,
        uri: created.uri,
        ...(code ? { transactionCode: code } : {}),
        deadlineMs: localDeadline(sentAt, seconds),
        credentialName: configurationName(configuration),
      });
    } catch (e) {
      setError(failed(e, 'create the offer'));
      setBusy(false);
    }
  }

  return (
    <form
      className="claims-form"
      noValidate
      aria-label={`${configurationName(configuration)} details`}
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
        <button type="submit" className="button button-primary button-large" aria-disabled={!ready || busy} aria-describedby={summary ? 'form-summary' : undefined}>
          {busy ? 'Creating offer…' : 'Create offer'}
        </button>
      </div>
    </form>
  );
}
