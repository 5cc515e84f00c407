import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import { ClaimsForm } from '../components/claims-form';
import { useFocusOnMount } from '../components/hooks';
import { usePreferences } from '../preferences/preferences-context';
import { configurationName, useSession } from '../session/session-context';
import type { FormValues } from '../view/claims-form';
import type { Customer } from './use-counter-flow';

interface Props {
  /** The details kept from the last offer, shown again for *Edit details*. */
  customer: Customer | undefined;
  onCreate: (configuration: MdocConfiguration, claims: Record<string, unknown>, values: FormValues) => Promise<string | undefined>;
  /** Forget the kept details. */
  onDone: () => void;
}

/** The credential type to start with: the kept person's, else the last one used here (a kiosk setting), else the first. */
function startingType(
  configurations: readonly MdocConfiguration[],
  customer: Customer | undefined,
  remembered: string | undefined,
): string | undefined {
  const known = (id: string | undefined) => (id && configurations.some((c) => c.id === id) ? id : undefined);
  return known(customer?.configurationId) ?? known(remembered) ?? configurations[0]?.id;
}

/** Pick a credential type, fill in the holder's details (or scan them), create the offer (DESIGN §7.1, §14). */
export function CounterScreen({ customer, onCreate, onDone }: Props) {
  const { t } = useTranslation();
  const { configurations } = useSession();
  const { preferences, update } = usePreferences();
  const [configurationId, setConfigurationId] = useState(() =>
    startingType(configurations, customer, preferences.rememberType ? preferences.lastTypeId : undefined),
  );
  const configuration = configurations.find((c) => c.id === configurationId);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const kept = customer && customer.configurationId === configurationId ? customer : undefined;

  return (
    <main className="screen counter-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('counter.title')}
      </h1>
      {configurations.length === 0 ? (
        <p className="banner">{t('counter.noTypes')}</p>
      ) : (
        <fieldset className="type-picker">
          <legend>{t('counter.credentialType')}</legend>
          {configurations.map((c) => (
            <label key={c.id} className={`type-option${c.id === configurationId ? ' type-option-selected' : ''}`}>
              <input
                type="radio"
                name="credential-type"
                value={c.id}
                checked={c.id === configurationId}
                onChange={() => {
                  setConfigurationId(c.id);
                  if (preferences.rememberType) update({ lastTypeId: c.id });
                }}
              />
              <span className="type-name">{configurationName(c)}</span>
              <span className="type-doctype">{c.type}</span>
            </label>
          ))}
        </fieldset>
      )}
      {kept && <p className="banner">{t('counter.keptDetails')}</p>}
      {/* A new key per type: switching types starts from a fresh form. */}
      {configuration && (
        <ClaimsForm
          key={`${configuration.id}:${kept ? 'kept' : 'new'}`}
          configuration={configuration}
          label={t('counter.details', { name: configurationName(configuration) })}
          submitLabel={t('counter.create')}
          busyLabel={t('counter.creating')}
          scan
          {...(kept ? { initialValues: kept.values } : {})}
          onSubmit={(claims, values) => {
            if (preferences.rememberType) update({ lastTypeId: configuration.id });
            return onCreate(configuration, claims, values);
          }}
        >
          {kept && (
            <button type="button" className="button" onClick={onDone}>
              {t('offer.done')}
            </button>
          )}
        </ClaimsForm>
      )}
    </main>
  );
}
