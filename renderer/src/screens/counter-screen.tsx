import { useState } from 'react';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import { ClaimsForm } from '../components/claims-form';
import { useFocusOnMount } from '../components/hooks';
import { configurationName, useSession } from '../session/session-context';
import { localDeadline } from '../view/countdown';
import { offerRequest, transactionCodeDigits } from '../view/offer-request';
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
              <input
                type="radio"
                name="credential-type"
                value={c.id}
                checked={c.id === configurationId}
                onChange={() => setConfigurationId(c.id)}
              />
              <span className="type-name">{configurationName(c)}</span>
              <span className="type-doctype">{c.type}</span>
            </label>
          ))}
        </fieldset>
      )}
      {/* A new key per type: switching types starts from an empty form. */}
      {configuration && <OfferForm key={configuration.id} configuration={configuration} onOfferCreated={onOfferCreated} />}
    </main>
  );
}

function OfferForm({ configuration, onOfferCreated }: { configuration: MdocConfiguration; onOfferCreated: (offer: ActiveOffer) => void }) {
  const { api, settings, failed } = useSession();

  async function create(claims: Record<string, unknown>): Promise<string | undefined> {
    performance.clearMarks(CREATE_MARK);
    performance.mark(CREATE_MARK);
    const sentAt = Date.now();
    const seconds = settings.defaultOfferSeconds;
    try {
      const created = await api.createOffer(offerRequest(configuration.id, claims, seconds));
      const code = transactionCodeDigits(created.transactionCode);
      onOfferCreated({
        id: created.id,
        uri: created.uri,
        ...(code ? { transactionCode: code } : {}),
        deadlineMs: localDeadline(sentAt, seconds),
        credentialName: configurationName(configuration),
      });
      return undefined;
    } catch (e) {
      return failed(e, 'create the offer');
    }
  }

  return (
    <ClaimsForm
      configuration={configuration}
      label={`${configurationName(configuration)} details`}
      submitLabel="Create offer"
      busyLabel="Creating offer…"
      onSubmit={create}
    />
  );
}
